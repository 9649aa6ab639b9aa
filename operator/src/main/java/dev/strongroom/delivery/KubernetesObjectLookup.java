package dev.strongroom.delivery;

import dev.strongroom.api.SwarmService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;

/** An {@link ObjectLookup} that GETs each object from the API server. */
public final class KubernetesObjectLookup implements ObjectLookup {
  private final KubernetesClient client;

  public KubernetesObjectLookup(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<ObjectRecord> find(String namespace, OwnerKind kind, String name) {
    try {
      return Optional.ofNullable(
          switch (kind) {
            case POD -> record(client.pods().inNamespace(namespace).withName(name).get(), null);
            case REPLICA_SET -> {
              ReplicaSet rs =
                  client.apps().replicaSets().inNamespace(namespace).withName(name).get();
              yield record(rs, rs == null ? null : rs.getSpec().getTemplate());
            }
            case DEPLOYMENT -> {
              Deployment d =
                  client.apps().deployments().inNamespace(namespace).withName(name).get();
              yield record(d, d == null ? null : d.getSpec().getTemplate());
            }
            case SWARM_SERVICE ->
                record(
                    client
                        .resources(SwarmService.class)
                        .inNamespace(namespace)
                        .withName(name)
                        .get(),
                    null);
          });
    } catch (KubernetesClientException e) {
      throw new DeliveryRefusedException(Refusal.UNAVAILABLE, e);
    }
  }

  /** What the authorizer needs of {@code object}, whose pod template is {@code template}. */
  static ObjectRecord record(HasMetadata object, PodTemplateSpec template) {
    if (object == null) {
      return null;
    }
    ObjectMeta meta = object.getMetadata();
    Map<String, String> templateAnnotations =
        template == null || template.getMetadata() == null
            ? Map.of()
            : template.getMetadata().getAnnotations();
    return new ObjectRecord(
        meta.getUid(),
        meta.getAnnotations(),
        templateAnnotations,
        meta.getOwnerReferences() == null
            ? Optional.empty()
            : meta.getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController()))
                .findFirst()
                .map(KubernetesObjectLookup::ref));
  }

  private static ObjectRecord.ControllerRef ref(OwnerReference o) {
    return new ObjectRecord.ControllerRef(o.getApiVersion(), o.getKind(), o.getName(), o.getUid());
  }
}
