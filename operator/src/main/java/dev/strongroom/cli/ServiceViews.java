package dev.strongroom.cli;

import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmService;
import dev.strongroom.api.SwarmServiceStatus;
import dev.strongroom.api.UpdateConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code service ls}, {@code inspect} and {@code ps} show, in Docker's shapes. */
final class ServiceViews {
  static final List<String> HEADER =
      List.of("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "SECRETS", "REVISION");
  static final List<String> PS_HEADER =
      List.of("NAME", "IMAGE", "NODE", "REVISION", "READY", "STATE", "CREATED");

  private ServiceViews() {}

  static List<String> row(SwarmService service) {
    SwarmServiceStatus status = service.getStatus();
    int desired = service.getSpec().getReplicas() == null ? 1 : service.getSpec().getReplicas();
    Integer ready = status == null ? null : status.getReadyReplicas();
    return List.of(
        ShortIds.of(service),
        ServiceLookup.swarmName(service),
        "replicated",
        (ready == null ? 0 : ready) + "/" + desired,
        image(service),
        String.valueOf(grants(service).size()),
        status == null || status.getGrantRevision() == null
            ? "-"
            : status.getGrantRevision().toString());
  }

  /** The {@code service inspect} document, shaped like {@code docker service inspect}. */
  static Map<String, Object> inspect(SwarmService service) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ID", ShortIds.full(service));
    Long generation = service.getMetadata().getGeneration();
    json.put("Version", Map.of("Index", generation == null ? 0 : generation));
    json.put("CreatedAt", service.getMetadata().getCreationTimestamp());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("Name", ServiceLookup.swarmName(service));
    spec.put(
        "Labels",
        service.getMetadata().getLabels() == null
            ? Map.of()
            : new TreeMap<>(service.getMetadata().getLabels()));
    spec.put("TaskTemplate", Map.of("ContainerSpecs", containers(service)));
    int replicas = service.getSpec().getReplicas() == null ? 1 : service.getSpec().getReplicas();
    spec.put("Mode", Map.of("Replicated", Map.of("Replicas", replicas)));
    UpdateConfig update = service.getSpec().getUpdate();
    if (update != null) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("Parallelism", update.getParallelism());
      // The enums serialize as the API writes them (stop-first, rollback).
      config.put("Order", update.getOrder());
      config.put("FailureAction", update.getFailureAction());
      config.put("Monitor", update.getMonitor());
      spec.put("UpdateConfig", config);
    }
    json.put("Spec", spec);
    json.put("Namespace", service.getMetadata().getNamespace());
    json.put("KubernetesName", service.getMetadata().getName());
    SwarmServiceStatus status = service.getStatus();
    if (status != null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("GrantRevision", status.getGrantRevision());
      s.put("Replicas", status.getReplicas());
      s.put("ReadyReplicas", status.getReadyReplicas());
      s.put("UpdatedReplicas", status.getUpdatedReplicas());
      s.put(
          "Grants",
          status.getGrants().stream()
              .map(
                  g -> {
                    Map<String, Object> grant = new LinkedHashMap<>();
                    grant.put("Secret", g.getSecret());
                    grant.put("Version", g.getVersion());
                    grant.put("Target", g.getTarget());
                    return grant;
                  })
              .toList());
      s.put("Conditions", status.getConditions().stream().map(SecretViews::condition).toList());
      json.put("Status", s);
    }
    return json;
  }

  private static List<Map<String, Object>> containers(SwarmService service) {
    List<Map<String, Object>> secrets =
        grants(service).stream()
            .map(
                g -> {
                  Map<String, Object> file = new LinkedHashMap<>();
                  file.put("Name", g.effectiveTarget());
                  file.put("UID", g.getUid() == null ? "0" : g.getUid());
                  file.put("GID", g.getGid() == null ? "0" : g.getGid());
                  file.put("Mode", g.getMode() == null ? 0444 : g.getMode());
                  Map<String, Object> secret = new LinkedHashMap<>();
                  secret.put("File", file);
                  secret.put("SecretName", g.getSource());
                  return secret;
                })
            .toList();
    return service.getSpec().getTemplate().getSpec().getContainers().stream()
        .map(
            c -> {
              Map<String, Object> json = new LinkedHashMap<>();
              json.put("Name", c.getName());
              json.put("Image", c.getImage());
              if (c.getCommand() != null && !c.getCommand().isEmpty()) {
                json.put("Command", c.getCommand());
              }
              if (c.getArgs() != null && !c.getArgs().isEmpty()) {
                json.put("Args", c.getArgs());
              }
              if (c.getEnv() != null && !c.getEnv().isEmpty()) {
                json.put("Env", c.getEnv().stream().map(ServiceViews::env).toList());
              }
              json.put("Secrets", secrets);
              return json;
            })
        .toList();
  }

  private static String env(EnvVar var) {
    return var.getValue() != null ? var.getName() + "=" + var.getValue() : var.getName();
  }

  /** One {@code service ps} row: a pod, the grant revision it runs and whether it is ready. */
  static List<String> psRow(Pod pod, Instant now) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String revision =
        annotations == null ? null : annotations.get(StrongroomApi.GRANT_REVISION_ANNOTATION);
    List<ContainerStatus> statuses =
        pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
            ? List.of()
            : pod.getStatus().getContainerStatuses();
    long ready = statuses.stream().filter(s -> Boolean.TRUE.equals(s.getReady())).count();
    int containers = pod.getSpec().getContainers().size();
    String state = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      state = "Terminating";
    }
    return List.of(
        pod.getMetadata().getName(),
        pod.getSpec().getContainers().stream().map(Container::getImage).findFirst().orElse(""),
        pod.getSpec().getNodeName() == null ? "-" : pod.getSpec().getNodeName(),
        revision == null ? "-" : revision,
        ready + "/" + containers,
        state == null ? "Pending" : state,
        HumanTime.ago(pod.getMetadata().getCreationTimestamp(), now));
  }

  private static String image(SwarmService service) {
    return service.getSpec().getTemplate().getSpec().getContainers().stream()
        .map(Container::getImage)
        .findFirst()
        .orElse("");
  }

  private static List<SecretGrant> grants(SwarmService service) {
    return service.getSpec().getSecrets() == null ? List.of() : service.getSpec().getSecrets();
  }
}
