package dev.strongroom.reconcile;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The API server's refusal to create anything in a namespace that is being deleted: the
 * NamespaceLifecycle admission answers 403 with the cause {@code NamespaceTerminating}. The objects
 * there are going away; retrying cannot succeed.
 */
final class NamespaceTerminating {
  static final String CAUSE = "NamespaceTerminating";

  private NamespaceTerminating() {}

  static boolean causedBy(KubernetesClientException e) {
    Status status = e.getStatus();
    return e.getCode() == 403
        && status != null
        && status.getDetails() != null
        && status.getDetails().getCauses() != null
        && status.getDetails().getCauses().stream().anyMatch(c -> CAUSE.equals(c.getReason()));
  }
}
