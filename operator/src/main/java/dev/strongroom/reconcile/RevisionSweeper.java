package dev.strongroom.reconcile;

import dev.strongroom.api.SwarmService;
import dev.strongroom.metrics.StrongroomMetrics;
import dev.strongroom.store.SecretStore;
import dev.strongroom.store.StoredService;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the grant revisions of SwarmServices that no longer exist, and with them the secret
 * versions only those revisions named, so the store does not grow with every service ever deleted.
 *
 * <p>A sweep, on the replica that reconciles, reads which services the store holds revisions for,
 * then lists the SwarmServices that exist; a stored service that is not among them was deleted
 * after its last revision was recorded, whether the operator was running then or not (so there is
 * no finalizer to hold a deletion, or a namespace's, while the operator is down). Each is forgotten
 * only while its newest revision is still the one the sweep read: a service created again under the
 * name and reconciled meanwhile has recorded a newer one, since the reconciler never reuses a
 * revision recorded for another service UID, even one with the same grants.
 */
public final class RevisionSweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RevisionSweeper.class);
  private static final long PAGE = 500;
  private static final Duration FIRST_SWEEP = Duration.ofMinutes(1);

  private final SecretStore store;
  private final Supplier<Set<String>> existingServices;
  private final StrongroomMetrics metrics;
  private final Duration interval;
  private ScheduledExecutorService executor;
  private boolean closed;

  /**
   * @param existingServices every SwarmService that exists, as {@code namespace/name}, read after
   *     the store (see {@link #existingServices(KubernetesClient)})
   * @param interval the time between sweeps; the first comes after at most a minute
   */
  public RevisionSweeper(
      SecretStore store,
      Supplier<Set<String>> existingServices,
      StrongroomMetrics metrics,
      Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the sweep interval must be positive");
    }
    this.store = store;
    this.existingServices = existingServices;
    this.metrics = metrics;
    this.interval = interval;
  }

  /**
   * Sweeps every interval from now on (on the replica that reconciles: call it once leading); does
   * nothing once started or closed.
   */
  public synchronized void start() {
    if (executor != null || closed) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "strongroom-revision-sweeper");
              t.setDaemon(true);
              return t;
            });
    long first = Math.min(FIRST_SWEEP.toMillis(), interval.toMillis());
    executor.scheduleWithFixedDelay(
        this::sweepQuietly, first, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      // The next sweep tries again; nothing is lost by waiting. (An escaping throwable would end
      // every later sweep silently.)
      LOG.warn("sweeping the grant revisions of deleted SwarmServices failed: {}", e.toString());
    }
  }

  /** One sweep; returns how many deleted services' revisions it forgot. */
  public int sweep() {
    List<StoredService> stored = store.listServices();
    if (stored.isEmpty()) {
      return 0;
    }
    Set<String> existing = existingServices.get();
    int forgotten = 0;
    for (StoredService s : stored) {
      if (!existing.contains(key(s.namespace(), s.service()))
          && store.forgetService(s.namespace(), s.service(), s.latestRevision())) {
        forgotten++;
        metrics.serviceForgotten();
        LOG.debug(
            "forgot grant revisions {} to {} of deleted SwarmService {}/{}",
            s.oldestRevision(),
            s.latestRevision(),
            s.namespace(),
            s.service());
      }
    }
    if (forgotten > 0) {
      LOG.info("forgot the grant revisions of {} deleted SwarmServices", forgotten);
    }
    return forgotten;
  }

  /** Every SwarmService that exists, as namespace/name, listed from the API a page at a time. */
  public static Supplier<Set<String>> existingServices(KubernetesClient client) {
    return () -> list(client);
  }

  private static Set<String> list(KubernetesClient client) {
    Set<String> keys = new HashSet<>();
    String next = null;
    do {
      var page =
          client
              .resources(SwarmService.class)
              .inAnyNamespace()
              .list(new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build());
      page.getItems()
          .forEach(s -> keys.add(key(s.getMetadata().getNamespace(), s.getMetadata().getName())));
      next = page.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    return keys;
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** Stops sweeping and waits (a few seconds at most) for a sweep under way to end. */
  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
