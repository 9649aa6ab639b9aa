package dev.strongroom.reconcile;

import dev.strongroom.api.SwarmService;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Applies a service's rendered Deployment with server-side apply, owned by the service, unless the
 * cached one was rendered from the very same inputs: status events then cost neither a render nor
 * an API write.
 */
final class DeploymentApplier {
  private final DeploymentRenderer renderer;

  DeploymentApplier(DeploymentRenderer renderer) {
    this.renderer = renderer;
  }

  Deployment apply(
      KubernetesClient client, SwarmService service, GrantSet grants, Deployment cached) {
    String inputs = RenderInputs.of(service, grants, renderer.agent());
    if (cached != null
        && cached.getMetadata().getLabels() != null
        && inputs.equals(cached.getMetadata().getLabels().get(RenderInputs.LABEL))) {
      return cached;
    }
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
    // The digest of the render, as an annotation: it changes only when the render does. The
    // inputs go into a label, since a change of a Deployment's annotations bumps its generation
    // (they are copied to its ReplicaSets) and every service would report not Ready until the
    // Deployment controller caught up; inputs that changed without changing the render (another
    // build, a spec edit that renders alike) then cost one apply that changes only the label.
    String digest = RenderDigest.of(desired);
    desired.getMetadata().getAnnotations().put(RenderDigest.ANNOTATION, digest);
    desired.getMetadata().getLabels().put(RenderInputs.LABEL, inputs);
    return client.resource(desired).fieldManager(Fields.MANAGER).serverSideApply();
  }
}
