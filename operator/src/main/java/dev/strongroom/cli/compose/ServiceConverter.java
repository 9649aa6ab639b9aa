package dev.strongroom.cli.compose;

import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.SwarmService;
import dev.strongroom.api.SwarmServiceSpec;
import dev.strongroom.api.UpdateConfig;
import dev.strongroom.cli.GrantFields;
import dev.strongroom.cli.InvalidGrantException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Compose service into a SwarmService: one container named after the service, Compose
 * {@code entrypoint} as its {@code command} and Compose {@code command} as its {@code args}, and
 * grants that name secrets by their Swarm name.
 */
final class ServiceConverter {
  private static final String LABEL_VALUE = "^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";

  private final ComposeWarnings warnings;

  ServiceConverter(ComposeWarnings warnings) {
    this.warnings = warnings;
  }

  /**
   * Converts {@code service}; {@code secretNames} maps each top-level secret key to its Swarm name.
   */
  SwarmService convert(
      ServiceDefinition service, String stack, String namespace, Map<String, String> secretNames) {
    String swarmName = stack + "_" + service.name();
    if (swarmName.length() > KubernetesNames.MAX_LABEL || !swarmName.matches(LABEL_VALUE)) {
      throw new ComposeException(
          service.location(),
          "services."
              + service.name()
              + ": the Swarm service name '"
              + swarmName
              + "' is longer than 63 characters or does not start and end with a letter or"
              + " digit");
    }
    if (service.image() == null) {
      throw new ComposeException(
          service.location(), "services." + service.name() + ".image is required");
    }
    SwarmServiceSpec spec = new SwarmServiceSpec();
    spec.setReplicas(service.replicas());
    spec.setTemplate(template(service, stack, swarmName));
    spec.setSecrets(grants(service, secretNames));
    if (!service.update().isEmpty()) {
      spec.setUpdate(update(service.update()));
    }
    SwarmService object = new SwarmService();
    object.getMetadata().setName(KubernetesNames.forLabel(swarmName));
    object.getMetadata().setNamespace(namespace);
    object.getMetadata().setLabels(Map.of(StackLabels.NAMESPACE, stack));
    object.setSpec(spec);
    return object;
  }

  private PodTemplateSpec template(ServiceDefinition service, String stack, String swarmName) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(StackLabels.NAMESPACE, stack);
    labels.put(StackLabels.SERVICE_NAME, swarmName);
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(KubernetesNames.forLabel(service.name()))
            .withImage(service.image().value());
    if (service.entrypoint() != null) {
      container.withCommand(escaped(service.entrypoint()));
    }
    if (service.command() != null) {
      container.withArgs(escaped(service.command()));
    }
    List<EnvVar> env = new ArrayList<>();
    service
        .environment()
        .forEach(
            (name, value) -> {
              if (value.value() != null) {
                env.add(new EnvVar(name, KubernetesExpansion.escape(value.value()), null));
              } else {
                warnings.warn(
                    value.location(),
                    "services."
                        + service.name()
                        + ".environment: "
                        + name
                        + " has no value and is not set in the environment; left out");
              }
            });
    Container built = container.withEnv(env).build();
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withContainers(built)
        .endSpec()
        .build();
  }

  private static List<String> escaped(List<String> words) {
    return words.stream().map(KubernetesExpansion::escape).toList();
  }

  private static List<SecretGrant> grants(
      ServiceDefinition service, Map<String, String> secretNames) {
    List<SecretGrant> grants = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    String path = "services." + service.name() + ".secrets";
    for (ServiceSecret reference : service.secrets()) {
      String swarmName = secretNames.get(reference.source());
      if (swarmName == null) {
        throw new ComposeException(
            reference.location(),
            path + ": secret '" + reference.source() + "' is not defined in the top-level secrets");
      }
      String target = reference.target();
      if (target == null) {
        // Docker's default target is the key in the Compose file, not the stack-prefixed name.
        try {
          target = GrantFields.target(reference.source());
        } catch (InvalidGrantException e) {
          throw new ComposeException(reference.location(), path + ": " + e.getMessage());
        }
      }
      if (!targets.add(target)) {
        throw new ComposeException(
            reference.location(),
            path
                + ": two secrets have the target '"
                + target
                + "': each file under /run/secrets needs its own");
      }
      SecretGrant grant = new SecretGrant(swarmName, target);
      grant.setUid(reference.uid());
      grant.setGid(reference.gid());
      grant.setMode(reference.mode());
      grants.add(grant);
    }
    return grants;
  }

  private static UpdateConfig update(UpdateDefinition definition) {
    UpdateConfig update = new UpdateConfig();
    update.setParallelism(definition.parallelism());
    update.setOrder(definition.order());
    update.setFailureAction(definition.failureAction());
    update.setMonitor(definition.monitor());
    return update;
  }
}
