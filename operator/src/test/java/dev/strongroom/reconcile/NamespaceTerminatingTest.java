package dev.strongroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** The API server's refusal in a namespace being deleted, as it answered in OperatorIT's runs. */
class NamespaceTerminatingTest {
  @Test
  void aForbiddenWithTheNamespaceTerminatingCauseIsOne() {
    assertThat(NamespaceTerminating.causedBy(refusal(403, "NamespaceTerminating"))).isTrue();
  }

  @Test
  void otherRefusalsAreNot() {
    assertThat(NamespaceTerminating.causedBy(refusal(403, "FieldValueForbidden"))).isFalse();
    assertThat(NamespaceTerminating.causedBy(refusal(409, "NamespaceTerminating"))).isFalse();
    assertThat(NamespaceTerminating.causedBy(new KubernetesClientException("no status"))).isFalse();
    Status withoutDetails = new StatusBuilder().withCode(403).withReason("Forbidden").build();
    assertThat(NamespaceTerminating.causedBy(new KubernetesClientException(withoutDetails)))
        .isFalse();
  }

  private static KubernetesClientException refusal(int code, String cause) {
    Status status =
        new StatusBuilder()
            .withCode(code)
            .withReason("Forbidden")
            .withMessage(
                "deployments.apps \"web\" is forbidden: unable to create new content in namespace"
                    + " team-a because it is being terminated")
            .withNewDetails()
            .withName("web")
            .withKind("deployments")
            .addNewCause()
            .withField("metadata.namespace")
            .withMessage("namespace team-a is being terminated")
            .withReason(cause)
            .endCause()
            .endDetails()
            .build();
    return new KubernetesClientException(status);
  }
}
