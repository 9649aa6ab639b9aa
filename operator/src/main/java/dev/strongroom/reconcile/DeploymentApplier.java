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
        && inputs.equals(cached.getMetadata().getAnnotations().get(RenderInputs.ANNOTATION))) {
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
    // Inputs that changed without changing the render (a build that renders alike, a spec edit
    // that renders alike) make this apply change only the annotation, which rolls nothing.
    desired.getMetadata().getAnnotations().put(RenderInputs.ANNOTATION, inputs);
    return client.resource(desired).fieldManager(Fields.MANAGER).serverSideApply();
  }
}
