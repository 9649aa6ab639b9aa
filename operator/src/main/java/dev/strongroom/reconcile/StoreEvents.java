package dev.strongroom.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes a controller's objects when objects in another controller's informer store change: that
 * controller's one informer serves both, where an informer of each would list and decode every
 * object twice (a restart with 10,000 SwarmSecrets listed them twice, 11 MB each time).
 *
 * <p>Starting waits until the other controller's informer has listed, as the Java Operator SDK
 * waits for a controller's own informers before it reconciles: a service reconciled before the
 * secrets were listed would report them missing. The SDK starts a controller's other event sources
 * only once its own informer has listed (and fails the start if it cannot, by default), so this
 * source's start tells the other controller that its own informer has. The changes are judged and
 * handed on by a thread of this source, never the informer's, which holds its store's lock while it
 * tells of them.
 */
final class StoreEvents<R extends HasMetadata, P extends HasMetadata>
    extends AbstractEventSource<R, P> {
  private static final Logger LOG = LoggerFactory.getLogger(StoreEvents.class);

  private final InformerListing ownListing;
  private final IndexedItemStore<R> source;
  private final InformerListing sourceListing;
  private final Function<R, Set<ResourceID>> primaries;
  private final BiPredicate<R, R> updateMatters;
  private final Duration listedTimeout;
  private final IndexedItemStore.Listener<R> listener = this::changed;
  private volatile Dispatcher dispatcher;
  private volatile Duration gathering = Duration.ZERO;

  /**
   * The thread that judges and hands on changes, with the objects woken by updates in the current
   * gathering window (its own: touched by that thread alone, and new with each start, so a stop
   * that drops a pending wake leaves nothing behind).
   */
  private record Dispatcher(ScheduledExecutorService executor, Set<ResourceID> gathered) {}

  /**
   * Events for the objects {@code primaries} maps each changed object of {@code source} to (before
   * and after the change), for an addition, a removal, and an update that {@code updateMatters}.
   * {@code ownListing} is the listing of this controller's informer, {@code sourceListing} that of
   * the informer that fills {@code source}; a start waits for it up to {@code listedTimeout}.
   */
  StoreEvents(
      Class<R> type,
      InformerListing ownListing,
      IndexedItemStore<R> source,
      InformerListing sourceListing,
      Function<R, Set<ResourceID>> primaries,
      BiPredicate<R, R> updateMatters,
      Duration listedTimeout) {
    super(type, type.getSimpleName() + " store events");
    this.ownListing = ownListing;
    this.source = source;
    this.sourceListing = sourceListing;
    this.primaries = primaries;
    this.updateMatters = updateMatters;
    this.listedTimeout = listedTimeout;
  }

  /**
   * The SDK's informer timeout for the wait; refused where the SDK starts a controller whose
   * informer failed to list, since this source's start would then vouch for a store it lacks.
   */
  static Duration listedTimeout(EventSourceContext<?> context) {
    ConfigurationService configuration =
        context.getControllerConfiguration().getConfigurationService();
    if (!configuration.stopOnInformerErrorDuringStartup()) {
      throw new IllegalStateException(
          "the controllers read each other's informer stores: keep"
              + " stopOnInformerErrorDuringStartup on");
    }
    return configuration.cacheSyncTimeout();
  }

  /**
   * Wakes the objects that updates concern at most once per {@code window}, together, from the
   * first such update on; additions and removals still wake at once. For what follows many updates
   * in a burst, each waking the same object: a secret granted to 1,000 services had its {@code
   * usedBy} (and the list in its {@code InUse} message) patched once per grant change of any of
   * them, up to 13 times a second, each patch larger than the last.
   */
  StoreEvents<R, P> gatheringUpdatesFor(Duration window) {
    gathering = window;
    return this;
  }

  @Override
  public void start() throws OperatorException {
    if (isRunning()) {
      return;
    }
    dispatcher =
        new Dispatcher(
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread thread = new Thread(r, "strongroom-" + name().replace(' ', '-'));
                  thread.setDaemon(true);
                  return thread;
                }),
            new LinkedHashSet<>());
    ownListing.listed();
    // Listening before the wait, so a change made while the other informer lists is handed on
    // too; no lock held while waiting, since the listener runs on that informer's thread.
    source.listen(listener);
    try {
      sourceListing.await(listedTimeout);
    } catch (OperatorException e) {
      stop();
      throw e;
    }
    super.start();
  }

  @Override
  public void stop() throws OperatorException {
    // A controller stopped before it started (its own informer failed): the other one's start
    // fails now rather than after its whole wait.
    ownListing.abandoned();
    source.unlisten(listener);
    Dispatcher stopping = dispatcher;
    dispatcher = null;
    if (stopping != null) {
      stopping.executor().shutdownNow();
    }
    super.stop();
  }

  @Override
  public Set<R> getSecondaryResources(P primary) {
    // The reconciler reads the store through its indexes, not through the Operator SDK's context.
    return Set.of();
  }

  private void changed(R before, R after) {
    Dispatcher handing = dispatcher;
    if (handing == null) {
      return;
    }
    try {
      handing.executor().execute(() -> handOn(handing, before, after));
    } catch (RejectedExecutionException stopped) {
      // Stopped meanwhile: the controller reconciles nothing more.
    }
  }

  private void handOn(Dispatcher handing, R before, R after) {
    Set<ResourceID> ids = new HashSet<>();
    try {
      if (before != null && after != null && !updateMatters.test(before, after)) {
        return;
      }
      if (before != null) {
        ids.addAll(primaries.apply(before));
      }
      if (after != null) {
        ids.addAll(primaries.apply(after));
      }
    } catch (RuntimeException e) {
      LOG.error(
          "could not map a {} change to the objects it concerns; they are reconciled at their"
              + " next event",
          resourceType().getSimpleName(),
          e);
    }
    boolean update = before != null && after != null;
    if (update && gathering.compareTo(Duration.ZERO) > 0) {
      Set<ResourceID> gathered = handing.gathered();
      if (gathered.isEmpty() && !ids.isEmpty()) {
        try {
          handing
              .executor()
              .schedule(() -> wakeGathered(gathered), gathering.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
          return;
        }
      }
      gathered.addAll(ids);
      return;
    }
    wake(ids);
  }

  private void wakeGathered(Set<ResourceID> gathered) {
    Set<ResourceID> ids = Set.copyOf(gathered);
    gathered.clear();
    wake(ids);
  }

  private void wake(Set<ResourceID> ids) {
    for (ResourceID id : ids) {
      try {
        getEventHandler().handleEvent(new Event(id));
      } catch (RuntimeException e) {
        LOG.error("could not hand on an event for {}", id, e);
      }
    }
  }
}
