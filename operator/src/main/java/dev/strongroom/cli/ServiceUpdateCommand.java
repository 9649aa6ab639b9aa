package dev.strongroom.cli;

import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.SwarmService;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `strongroom service update`: change a service's grants (Docker's {@code --secret-rm}, then {@code
 * --secret-add}), image or replicas; a change of grants rolls the service.
 */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "Change a SwarmService. --secret-rm removes the grants of a secret (by name), then"
          + " --secret-add adds grants, replacing one that writes the same file; a change of"
          + " grants rolls the service's pods to a new grant revision.",
      "Wait for the rollout with: kubectl wait swarmservice/NAME --for=condition=Ready"
    })
final class ServiceUpdateCommand implements Callable<Integer> {
  private static final int ATTEMPTS = 5;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand ServiceCommand parent;

  @Mixin KubeOptions kube;

  @Parameters(paramLabel = "NAME", description = "Swarm name, Kubernetes name or ID prefix.")
  String name;

  @Option(
      names = "--secret-add",
      paramLabel = "SPEC",
      converter = SecretGrantConverter.class,
      description = "Grant a secret: NAME or source=..,target=..,uid=..,gid=..,mode=..; repeat.")
  List<SecretGrant> add = new ArrayList<>();

  @Option(
      names = "--secret-rm",
      paramLabel = "NAME",
      description = "Remove the grants of this secret; repeat.")
  List<String> remove = new ArrayList<>();

  @Option(names = "--image", paramLabel = "IMAGE", description = "A new image.")
  String image;

  @Option(names = "--replicas", paramLabel = "N", description = "A new number of pods.")
  Integer replicas;

  @Override
  public Integer call() {
    if (replicas != null && replicas < 0) {
      throw new UserError("--replicas must be 0 or more");
    }
    SecretGrants.add(List.of(), add); // two additions with one target: refused before any call
    try (Session session = new Session(parent.root.connections(), kube)) {
      KubernetesClient client = session.client();
      String namespace = session.namespace();
      GrantedSecrets.requireExisting(client, namespace, add);
      for (int attempt = 1; ; attempt++) {
        SwarmService service =
            ServiceLookup.find(GrantedSecrets.services(client, namespace), name)
                .orElseThrow(
                    () ->
                        new UserError(
                            "no such service: " + name + " (namespace " + namespace + ")"));
        if (!change(service)) {
          break;
        }
        try {
          // A PUT with the read resourceVersion: a concurrent change makes it fail, not vanish.
          client.resource(service).update();
          break;
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409 || attempt == ATTEMPTS) {
            throw e;
          }
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(name);
    out.flush();
    return 0;
  }

  /** Applies the options to {@code service}; whether anything changed. */
  private boolean change(SwarmService service) {
    List<SecretGrant> before =
        service.getSpec().getSecrets() == null ? List.of() : service.getSpec().getSecrets();
    List<SecretGrant> after = SecretGrants.update(before, remove, add);
    boolean changed = !after.equals(before);
    service.getSpec().setSecrets(new ArrayList<>(after));
    if (replicas != null && !replicas.equals(service.getSpec().getReplicas())) {
      service.getSpec().setReplicas(replicas);
      changed = true;
    }
    if (image != null) {
      Container first = service.getSpec().getTemplate().getSpec().getContainers().get(0);
      if (!Objects.equals(first.getImage(), image)) {
        first.setImage(image);
        changed = true;
      }
    }
    return changed;
  }
}
