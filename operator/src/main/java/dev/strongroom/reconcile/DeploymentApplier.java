package dev.strongroom.reconcile;

import dev.strongroom.api.SwarmService;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Applies a service's rendered Deployment with server-side apply, owned by the service, unless the
 * cached one came from the very same render: status events then cost no API write.
 */
final class DeploymentApplier {
  private final DeploymentRenderer renderer;

  DeploymentApplier(DeploymentRenderer renderer) {
    this.renderer = renderer;
  }

  Deployment apply(
      KubernetesClient client, SwarmService service, GrantSet grants, Deployment cached) {
    Deployment desired = renderer.render(service, grants);
    desired
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion(service.getApiVersion())
                    .withKind(service.getKind())
                    .withName(service.getMetadata().getName())
                    .withUid(service.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build()));
    String digest = RenderDigest.of(desired);
    if (cached != null
        && digest.equals(cached.getMetadata().getAnnotations().get(RenderDigest.ANNOTATION))) {
      return cached;
    }
    desired.getMetadata().getAnnotations().put(RenderDigest.ANNOTATION, digest);
    return client.resource(desired).fieldManager(Fields.MANAGER).serverSideApply();
  }
}
