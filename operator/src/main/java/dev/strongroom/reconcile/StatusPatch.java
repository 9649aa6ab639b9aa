package dev.strongroom.reconcile;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/**
 * A status patch only when the reconcile changed the status. Most reconciles of a service follow a
 * Deployment status event that changes nothing the service reports; an unchanged patch still costs
 * the API server a request, and under load every request counts (measured: 18 reconciles per grant
 * change at 1,000 services, each with a status patch).
 */
final class StatusPatch {
  private StatusPatch() {}

  /** The status as JSON, taken before the reconcile changes it. */
  static String snapshot(Context<?> context, Object status) {
    return status == null ? "" : context.getClient().getKubernetesSerialization().asJson(status);
  }

  /** Patches {@code resource}'s status when it differs from {@code before}. */
  static <R extends CustomResource<?, ?>> UpdateControl<R> ifChanged(
      R resource, String before, Context<R> context) {
    return snapshot(context, resource.getStatus()).equals(before)
        ? UpdateControl.noUpdate()
        : UpdateControl.patchStatus(resource);
  }
}
