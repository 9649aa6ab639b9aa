package dev.strongroom.delivery;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Arrays;
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
 *
 * <p>A namespace can be deleted and created again under its name, without its ConfigMap. So what
 * this process published is remembered with the newest object it was published for: an object
 * created later (every object of a namespace created again is) has it applied once more.
 */
public final class CaPublisher {
  public static final String CONFIG_MAP = "strongroom-ca";
  public static final String KEY = "ca.crt";
  private static final Logger LOG = LoggerFactory.getLogger(CaPublisher.class);
  private static final String MANAGER = "strongroom";
  private static final int LOCK_STRIPES = 64;

  private final KubernetesClient client;
  private final String operatorNamespace;
  private final Supplier<String> bundle;
  private final Map<String, Published> published = new ConcurrentHashMap<>();

  /**
   * One apply at a time per namespace, through a fixed set of locks (a namespace's is chosen by its
   * name's hash): bounded, and never replaced while a thread waits on it.
   */
  private final Object[] locks = new Object[LOCK_STRIPES];

  /** The bundle last applied in a namespace, for objects created up to {@code upTo}. */
  private record Published(String pem, Instant upTo) {}

  public CaPublisher(KubernetesClient client, String operatorNamespace, Supplier<String> bundle) {
    this.client = client;
    this.operatorNamespace = operatorNamespace;
    this.bundle = bundle;
    Arrays.setAll(locks, i -> new Object());
  }

  /** Publishes in the operator's namespace. */
  public void start() {
    apply(operatorNamespace, Instant.EPOCH);
  }

  /** Republishes wherever published before, when the bundle changed. */
  public void republish() {
    published.forEach((namespace, last) -> apply(namespace, last.upTo()));
  }

  /**
   * Makes sure the bundle is in the namespace of {@code object}, whose pods will mount it: applies
   * the ConfigMap unless this process already put the current bundle there for an object created no
   * later. A failure is logged and retried on the next call.
   */
  public void publishFor(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    Instant created = Instant.parse(object.getMetadata().getCreationTimestamp());
    if (!isPublished(published.get(namespace), bundle.get(), created)) {
      apply(namespace, created);
    }
  }

  private static boolean isPublished(Published last, String pem, Instant created) {
    return last != null && last.pem().equals(pem) && !created.isAfter(last.upTo());
  }

  /**
   * Applies the current bundle in {@code namespace} for objects created up to {@code upTo}, unless
   * that is done already. One apply at a time per namespace, each reading the bundle under the
   * lock: a reconcile's apply of the bundle before a rotation can then not land after the
   * rotation's and be recorded as current.
   */
  private void apply(String namespace, Instant upTo) {
    synchronized (locks[Math.floorMod(namespace.hashCode(), LOCK_STRIPES)]) {
      Published last = published.get(namespace);
      String pem = bundle.get();
      if (isPublished(last, pem, upTo)) {
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
        Instant covered = last != null && last.upTo().isAfter(upTo) ? last.upTo() : upTo;
        published.put(namespace, new Published(pem, covered));
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          // The namespace is gone: forget it, so that a rotation does not try it again. One
          // created again under its name is published to at its first service's reconcile. (While
          // it is being deleted the API server answers 403, and it is kept until then.)
          published.remove(namespace);
          LOG.info(
              "no longer publishing {} in namespace {}: HTTP {}",
              CONFIG_MAP,
              namespace,
              e.getCode());
          return;
        }
        // The next reconcile or rotation retries.
        LOG.warn("cannot publish {} in namespace {}: HTTP {}", CONFIG_MAP, namespace, e.getCode());
      }
    }
  }

  /** How many namespaces this process has published in and remembers. */
  int namespaces() {
    return published.size();
  }
}
