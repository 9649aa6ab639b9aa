package dev.strongroom.e2e.support;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Service-account tokens from the real API server (TokenRequest), as the kubelet gets them. */
public final class Tokens {
  /** The shortest lifetime the API server grants. */
  public static final long MIN_SECONDS = 600;

  private final KubernetesClient client;

  public Tokens(KubernetesClient client) {
    this.client = client;
  }

  /** A token of {@code pod}'s service account for {@code audience}, bound to the pod. */
  public String boundTo(Pod pod, String audience) {
    String namespace = pod.getMetadata().getNamespace();
    String account =
        pod.getSpec().getServiceAccountName() == null
            ? "default"
            : pod.getSpec().getServiceAccountName();
    return request(
        namespace,
        account,
        new TokenRequestSpecBuilder()
            .withAudiences(audience)
            .withExpirationSeconds(MIN_SECONDS)
            .withNewBoundObjectRef()
            .withApiVersion("v1")
            .withKind("Pod")
            .withName(pod.getMetadata().getName())
            .withUid(pod.getMetadata().getUid())
            .endBoundObjectRef()
            .build());
  }

  /** A token of the default service account of {@code namespace}, bound to nothing. */
  public String unbound(String namespace, String audience) {
    return request(
        namespace,
        "default",
        new TokenRequestSpecBuilder()
            .withAudiences(audience)
            .withExpirationSeconds(MIN_SECONDS)
            .build());
  }

  private String request(
      String namespace,
      String account,
      io.fabric8.kubernetes.api.model.authentication.TokenRequestSpec spec) {
    // The controller-manager creates the default service account a moment after the namespace.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> client.serviceAccounts().inNamespace(namespace).withName(account).get() != null);
    TokenRequest request = new TokenRequestBuilder().withSpec(spec).build();
    return client
        .serviceAccounts()
        .inNamespace(namespace)
        .withName(account)
        .tokenRequest(request)
        .getStatus()
        .getToken();
  }
}
