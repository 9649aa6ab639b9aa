package dev.strongroom.delivery;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the CA bundle as the ConfigMap {@value #CONFIG_MAP} (key {@value #KEY}) in the
 * operator's namespace and, as the SwarmService reconciler asks before it applies a Deployment, in
 * each namespace with a SwarmService, since a pod can mount a ConfigMap of its own namespace only;
 * republishes everywhere when the bundle changes. It follows no SwarmService itself: a replica
 * would otherwise list and watch every SwarmService just to learn the namespaces that the
 * reconciler already visits, and a pod could be created before its namespace had the bundle.
 */
public final class CaPublisher {
  public static final String CONFIG_MAP = "strongroom-ca";
  public static final String KEY = "ca.crt";
  private static final Logger LOG = LoggerFactory.getLogger(CaPublisher.class);
  private static final String MANAGER = "strongroom";

  private final KubernetesClient client;
  private final String operatorNamespace;
  private final Supplier<String> bundle;
  private final Map<String, String> published = new ConcurrentHashMap<>();

  public CaPublisher(KubernetesClient client, String operatorNamespace, Supplier<String> bundle) {
    this.client = client;
    this.operatorNamespace = operatorNamespace;
    this.bundle = bundle;
  }

  /** Publishes in the operator's namespace. */
  public void start() {
    publish(operatorNamespace);
  }

  /** Republishes wherever published before, when the bundle changed. */
  public void republish() {
    for (String namespace : published.keySet()) {
      publish(namespace);
    }
  }

  /**
   * Applies the ConfigMap in {@code namespace} unless this process already put the current bundle
   * there; a failure is logged and retried on the next call.
   */
  public void publish(String namespace) {
    String pem = bundle.get();
    if (pem.equals(published.get(namespace))) {
      return;
    }
    ConfigMap map =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(CONFIG_MAP)
            .withNamespace(namespace)
            .withLabels(Map.of("app.kubernetes.io/managed-by", "strongroom"))
            .endMetadata()
            .withData(Map.of(KEY, pem))
            .build();
    try {
      client.resource(map).fieldManager(MANAGER).forceConflicts().serverSideApply();
      published.put(namespace, pem);
    } catch (KubernetesClientException e) {
      // A namespace being deleted refuses new objects; the next reconcile or rotation retries.
      LOG.warn("cannot publish {} in namespace {}: HTTP {}", CONFIG_MAP, namespace, e.getCode());
    }
  }
}
