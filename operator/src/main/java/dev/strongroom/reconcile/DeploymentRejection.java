package dev.strongroom.reconcile;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * The API server's refusal of a rendered Deployment for a reason the service's author can fix: an
 * invalid template (422, 400) or fields another field manager owns (409, server-side apply's
 * conflict). Retrying the same apply cannot succeed; the service says why instead. Other failures
 * (the API server unavailable, the operator's own permissions) are retried as before.
 */
final class DeploymentRejection {
  /** What a message may hold at most: the API server lists every invalid field. */
  static final int MAX_MESSAGE = 1024;

  private DeploymentRejection() {}

  /** The message to show on the service, if {@code e} is such a refusal. */
  static Optional<String> of(KubernetesClientException e) {
    int code = e.getCode();
    if (code != 400 && code != 409 && code != 422) {
      return Optional.empty();
    }
    Status status = e.getStatus();
    String detail =
        status != null && status.getMessage() != null && !status.getMessage().isBlank()
            ? status.getMessage()
            : "HTTP " + code;
    String message = "the API server rejected the service's Deployment: " + detail;
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE - 3) + "...";
    }
    return Optional.of(message);
  }
}
