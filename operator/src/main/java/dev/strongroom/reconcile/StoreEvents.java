package dev.strongroom.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Wakes a controller's objects when objects in another controller's informer store change: that
 * controller's one informer serves both, where an informer of each would list and decode every
 * object twice (a restart with 10,000 SwarmSecrets listed them twice, 11 MB each time).
 *
 * <p>Starting waits until the other controller's informer has its objects, as the Java Operator SDK
 * waits for a controller's own informers before it reconciles: a service reconciled before the
 * secrets were listed would report them missing. The changes are handed on from a thread of this
 * source, never from the informer's, which holds its store's lock while it tells of them.
 */
final class StoreEvents<R extends HasMetadata, P extends HasMetadata>
    extends AbstractEventSource<R, P> {
  /** How long a start waits for the other controller's informer, as long as the SDK's own. */
  static final Duration LISTED_TIMEOUT = Duration.ofMinutes(2);

  private final Duration listedTimeout;
  private final IndexedItemStore<?> own;
  private final IndexedItemStore<R> source;
  private final Function<R, Set<ResourceID>> primaries;
  private final BiPredicate<R, R> updateMatters;
  private final IndexedItemStore.Listener<R> listener = this::changed;
  private volatile ExecutorService dispatcher;

  /**
   * Events for the objects {@code primaries} maps each changed object of {@code source} to (before
   * and after the change), for an addition, a removal, and an update that {@code updateMatters};
   * {@code own} is the store of this controller's informer.
   */
  StoreEvents(
      Class<R> type,
      IndexedItemStore<?> own,
      IndexedItemStore<R> source,
      Function<R, Set<ResourceID>> primaries,
      BiPredicate<R, R> updateMatters) {
    this(type, own, source, primaries, updateMatters, LISTED_TIMEOUT);
  }

  StoreEvents(
      Class<R> type,
      IndexedItemStore<?> own,
      IndexedItemStore<R> source,
      Function<R, Set<ResourceID>> primaries,
      BiPredicate<R, R> updateMatters,
      Duration listedTimeout) {
    super(type, type.getSimpleName() + " store events");
    this.listedTimeout = listedTimeout;
    this.own = own;
    this.source = source;
    this.primaries = primaries;
    this.updateMatters = updateMatters;
  }

  @Override
  public void start() throws OperatorException {
    if (isRunning()) {
      return;
    }
    dispatcher =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "strongroom-" + name().replace(' ', '-'));
              thread.setDaemon(true);
              return thread;
            });
    // The SDK starts a controller's other event sources once its own informer has listed.
    own.markListed();
    // Listening before the wait, so a change made while the other informer lists is handed on
    // too; no lock held while waiting, since the listener runs on that informer's thread.
    source.listen(listener);
    if (!source.awaitListed(listedTimeout)) {
      stop();
      throw new OperatorException(
          "the "
              + resourceType().getSimpleName()
              + " informer of the other controller did not list its objects within "
              + listedTimeout.toMillis()
              + " ms");
    }
    super.start();
  }

  @Override
  public void stop() throws OperatorException {
    source.unlisten(listener);
    ExecutorService stopping = dispatcher;
    dispatcher = null;
    if (stopping != null) {
      stopping.shutdownNow();
    }
    super.stop();
  }

  @Override
  public Set<R> getSecondaryResources(P primary) {
    // The reconciler reads the store through its indexes, not through the Operator SDK's context.
    return Set.of();
  }

  private void changed(R before, R after) {
    ExecutorService handing = dispatcher;
    if (handing == null
        || (before != null && after != null && !updateMatters.test(before, after))) {
      return;
    }
    try {
      handing.execute(() -> handOn(before, after));
    } catch (RejectedExecutionException stopped) {
      // Stopped meanwhile: the controller reconciles nothing more.
    }
  }

  private void handOn(R before, R after) {
    Set<ResourceID> ids = new HashSet<>();
    if (before != null) {
      ids.addAll(primaries.apply(before));
    }
    if (after != null) {
      ids.addAll(primaries.apply(after));
    }
    ids.forEach(id -> getEventHandler().handleEvent(new Event(id)));
  }
}
