package dev.strongroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** Which refusals of a Deployment the service reports rather than retrying. */
class DeploymentRejectionTest {
  @Test
  void anInvalidTemplateOrAFieldConflictIsShownWithTheApiServersMessage() {
    assertThat(DeploymentRejection.of(refusal(422, "spec.template.spec.containers[0].name: bad")))
        .contains(
            "the API server rejected the service's Deployment:"
                + " spec.template.spec.containers[0].name: bad");
    assertThat(DeploymentRejection.of(refusal(409, "Apply failed with 1 conflict"))).isPresent();
    assertThat(DeploymentRejection.of(refusal(400, "bad request"))).isPresent();
  }

  @Test
  void failuresARetryCanCureAreNotRejections() {
    for (int code : new int[] {401, 403, 404, 429, 500, 503}) {
      assertThat(DeploymentRejection.of(refusal(code, "later"))).as("HTTP %d", code).isEmpty();
    }
    assertThat(DeploymentRejection.of(new KubernetesClientException("connection reset"))).isEmpty();
  }

  @Test
  void aLongMessageIsCut() {
    String message = DeploymentRejection.of(refusal(422, "x".repeat(5000))).orElseThrow();
    assertThat(message).hasSize(DeploymentRejection.MAX_MESSAGE).endsWith("...");
  }

  @Test
  void aRefusalWithoutAMessageNamesItsCode() {
    assertThat(DeploymentRejection.of(new KubernetesClientException("", 422, null)))
        .contains("the API server rejected the service's Deployment: HTTP 422");
  }

  private static KubernetesClientException refusal(int code, String message) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withMessage(message).build());
  }
}
