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
        .withConfig(withPromptWatchRestarts(withoutTokenRefreshForCertificates(config)))
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

  /** How long a watch that ended waits before it starts again, unless configured otherwise. */
  static final int WATCH_RECONNECT_MILLIS = 100;

  /**
   * {@code config}, its watches started again within {@link #WATCH_RECONNECT_MILLIS} of their end
   * unless {@code kubernetes.watch.reconnectInterval} is set. Fabric8's informers end every watch
   * after a random 5 to 10 minutes, and Fabric8 then waits its reconnect interval, 1 s by default,
   * before the next one (which resumes where the last ended): whatever changed meanwhile reached
   * the informers only then. A benchmark met it as a stall of every grant change in that second,
   * then all answered at once (five changes at 5/s delayed 160 to 940 ms, in two runs of two). The
   * interval doubles with each failed attempt, up to 32 times: 3.2 s between attempts at most while
   * the API server is down (client-go starts a watch again at once after a normal end). A watch
   * that starts and then fails (a proxy that drops it, a 410 that makes the informer list again)
   * resets the backoff, so such a loop would try ten times a second instead of once: the price of
   * the prompt restart.
   */
  static Config withPromptWatchRestarts(Config config) {
    if (System.getProperty(Config.KUBERNETES_WATCH_RECONNECT_INTERVAL_SYSTEM_PROPERTY) == null
        && System.getenv("KUBERNETES_WATCH_RECONNECTINTERVAL") == null) {
      config.setWatchReconnectInterval(WATCH_RECONNECT_MILLIS);
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
