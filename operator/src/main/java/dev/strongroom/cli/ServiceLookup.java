package dev.strongroom.cli;

import dev.strongroom.api.SwarmService;
import dev.strongroom.cli.compose.KubernetesNames;
import dev.strongroom.cli.compose.StackLabels;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds services as Docker does: by name (Kubernetes or Swarm) or by a unique ID prefix. */
final class ServiceLookup {
  private ServiceLookup() {}

  static Optional<SwarmService> find(List<SwarmService> services, String name) {
    String mapped = KubernetesNames.forLabel(name);
    for (SwarmService service : services) {
      String objectName = service.getMetadata().getName();
      if (objectName.equals(name) || objectName.equals(mapped)) {
        return Optional.of(service);
      }
    }
    for (SwarmService service : services) {
      if (name.equals(swarmName(service))) {
        return Optional.of(service);
      }
    }
    List<SwarmService> byId = services.stream().filter(s -> ShortIds.matches(s, name)).toList();
    if (byId.size() > 1) {
      throw new UserError("ID prefix '" + name + "' matches several services; give more of it");
    }
    return byId.stream().findFirst();
  }

  /** The Swarm name: the pod label Docker sets, else {@code metadata.name}. */
  static String swarmName(SwarmService service) {
    Map<String, String> labels =
        service.getSpec() == null
                || service.getSpec().getTemplate() == null
                || service.getSpec().getTemplate().getMetadata() == null
            ? null
            : service.getSpec().getTemplate().getMetadata().getLabels();
    String label = labels == null ? null : labels.get(StackLabels.SERVICE_NAME);
    return label != null ? label : service.getMetadata().getName();
  }
}
