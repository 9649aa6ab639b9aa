package dev.strongroom;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Kubernetes client the operator runs on: the usual one, except that it reads and writes no
 * {@code metadata.managedFields}.
 *
 * <p>Every object the API server returns carries its field managers' records, and the operator
 * never reads them: it applies its Deployments and statuses with server-side apply, where the API
 * server keeps those records itself, and its other writes are patches, which leave them alone. Yet
 * they are much of what its informers decode and cache: at the benchmark's 10,000 SwarmSecrets and
 * 2,000 SwarmServices (2026-12-03), 49 % of a SwarmSecret's JSON (three records, 819 of 1,681
 * bytes), 28 % of a SwarmService's and 39 % of a Deployment's, each a tree of small maps once
 * decoded. (A PUT without the field keeps the stored records, as Kubernetes documents, so even an
 * update loses nothing.)
 */
public final class OperatorClient {
  private OperatorClient() {}

  /** The client for the current kubeconfig or the in-cluster config. */
  public static KubernetesClient create() {
    return create(Config.autoConfigure(null));
  }

  /** The client for {@code config}. */
  public static KubernetesClient create(Config config) {
    return new KubernetesClientBuilder()
        .withConfig(withoutTokenRefreshForCertificates(config))
        .withKubernetesSerialization(serialization())
        .build();
  }

  /**
   * {@code config}, told that it has no token to refresh when it authenticates with a client
   * certificate alone. Fabric8 refreshes a token by reading the kubeconfig again (a minute after
   * the client's start, then a minute after each token it finds); finding none, it read and parsed
   * the whole kubeconfig before every request: a sixth of the delivery workers' CPU under fresh
   * TokenReviews, and every reconcile's writes. A refresh would not renew a certificate anyway: the
   * client's TLS is set up once. Tokens (a service account's, a kubeconfig's, an exec plugin's) are
   * refreshed as before.
   */
  static Config withoutTokenRefreshForCertificates(Config config) {
    boolean certificateOnly =
        (config.getClientCertData() != null || config.getClientCertFile() != null)
            && config.getOauthToken() == null
            && config.getAutoOAuthToken() == null
            && config.getOauthTokenProvider() == null
            && config.getAuthProvider() == null
            && config.getUsername() == null;
    if (certificateOnly) {
      config.setOauthTokenProvider(() -> null);
    }
    return config;
  }

  /** Fabric8's serialization with {@code managedFields} left out both ways. */
  static KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.addMixIn(ObjectMeta.class, WithoutManagedFields.class);
    return new KubernetesSerialization(mapper, true);
  }

  @JsonIgnoreProperties({"managedFields"})
  private abstract static class WithoutManagedFields {}
}
