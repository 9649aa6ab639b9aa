package dev.strongroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.EventHandler;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Events from another controller's store: which changes wake which objects, and the start that
 * waits for both controllers' informers. Each ConfigMap here "names" the primaries in its label.
 */
@Timeout(60)
class StoreEventsTest {
  private final InformerListing own = new InformerListing("own");
  private final IndexedItemStore<ConfigMap> source = new IndexedItemStore<>(Map.of());
  private final InformerListing sourceListing = new InformerListing("ConfigMap");
  private final List<ResourceID> woken = new CopyOnWriteArrayList<>();
  private final StoreEvents<ConfigMap, ConfigMap> events =
      events(own, source, sourceListing, Duration.ofMinutes(1));

  @AfterEach
  void stop() {
    events.stop();
  }

  @Test
  void wakesWhatAnAdditionARemovalAndAnUpdateThatMattersNameBeforeAndAfter() {
    sourceListing.listed();
    events.start();

    put(map("a", "one", "x"));
    await().until(() -> woken.equals(List.of(id("one"))));

    woken.clear();
    put(map("a", "two", "x"));
    await().until(() -> Set.copyOf(woken).equals(Set.of(id("one"), id("two"))));
    assertThat(woken).hasSize(2);

    woken.clear();
    source.remove("ns/a");
    await().until(() -> woken.equals(List.of(id("two"))));
  }

  @Test
  void anUpdateThatDoesNotMatterWakesNothing() {
    sourceListing.listed();
    events.start();
    put(map("a", "one", "x"));
    await().until(() -> woken.size() == 1);

    put(map("a", "one", "y")); // only the "matters" label is compared: unchanged
    put(map("b", "three", "x"));
    // The one after it was handed on, in order, so the one before was judged by then.
    await().until(() -> woken.contains(id("three")));
    assertThat(woken).containsExactly(id("one"), id("three"));
  }

  @Test
  void handsOnNothingBeforeItStartsOrAfterItStops() {
    put(map("before", "one", "x"));
    sourceListing.listed();
    events.start();
    events.stop();
    put(map("after", "two", "x"));

    events.start();
    put(map("again", "three", "x"));
    await().until(() -> woken.contains(id("three")));
    assertThat(woken).containsExactly(id("three"));
  }

  @Test
  void startsOnlyOnceTheOtherStoreIsListedAndMarksItsOwn() {
    CompletableFuture<Void> started = CompletableFuture.runAsync(events::start);
    await().until(() -> listed(own));
    assertThat(started).isNotDone();
    assertThat(events.isRunning()).isFalse();

    sourceListing.listed();
    started.join();
    assertThat(events.isRunning()).isTrue();
  }

  @Test
  void twoControllersStartingTogetherEachWaitForTheOther() {
    IndexedItemStore<ConfigMap> ownStore = new IndexedItemStore<>(Map.of());
    StoreEvents<ConfigMap, ConfigMap> other =
        events(sourceListing, ownStore, own, Duration.ofMinutes(1));
    try {
      CompletableFuture<Void> one = CompletableFuture.runAsync(events::start);
      CompletableFuture<Void> two = CompletableFuture.runAsync(other::start);
      CompletableFuture.allOf(one, two).join();
      assertThat(events.isRunning()).isTrue();
      assertThat(other.isRunning()).isTrue();
    } finally {
      other.stop();
    }
  }

  @Test
  void failsToStartWhenTheOtherStoreIsNeverListed() {
    StoreEvents<ConfigMap, ConfigMap> waiting =
        events(own, source, sourceListing, Duration.ofMillis(50));
    assertThatThrownBy(waiting::start)
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("the ConfigMap informer did not list its objects within 50 ms");
    assertThat(waiting.isRunning()).isFalse();
    put(map("late", "one", "x"));
    sourceListing.listed();
    events.start(); // another source over the same store still works
    put(map("later", "two", "x"));
    await().until(() -> woken.contains(id("two")));
    assertThat(woken).containsExactly(id("two"));
  }

  @Test
  void failsAtOnceWhenTheOtherControllerStopsBeforeItsInformerListed() {
    StoreEvents<ConfigMap, ConfigMap> other =
        events(sourceListing, new IndexedItemStore<>(Map.of()), own, Duration.ofMinutes(1));
    CompletableFuture<Void> started = CompletableFuture.runAsync(events::start);
    await().until(() -> listed(own));

    other.stop(); // as the SDK stops a controller whose informer failed, before its start

    assertThatThrownBy(started::join)
        .hasRootCauseMessage("the ConfigMap controller stopped before its informer listed");
    assertThat(events.isRunning()).isFalse();
  }

  @Test
  void aChangeThatCannotBeMappedIsLoggedAndTheNextOneStillWakesItsObjects() {
    sourceListing.listed();
    events.start();
    put(map("broken", null, "x")); // no "primary" label: the mapping throws
    put(map("a", "one", "x"));
    await().until(() -> woken.contains(id("one")));
    assertThat(woken).containsExactly(id("one"));
  }

  @Test
  void updatesWithinTheWindowWakeEachObjectOnceTogetherAfterItAndAdditionsAtOnce() {
    Duration window = Duration.ofSeconds(1);
    StoreEvents<ConfigMap, ConfigMap> gathering =
        events(new InformerListing("gathering"), source, sourceListing, Duration.ofMinutes(1))
            .gatheringUpdatesFor(window);
    sourceListing.listed();
    gathering.start();
    try {
      put(map("a", "one", "x"));
      put(map("b", "two", "x"));
      await().until(() -> woken.size() == 2);
      assertThat(woken).containsExactly(id("one"), id("two"));

      long firstUpdate = System.nanoTime();
      put(map("a", "three", "x")); // wakes one and three
      put(map("b", "three", "x")); // wakes two and three: three only once, with the others
      put(map("c", "four", "x")); // an addition: at once, before the gathered ones
      await().until(() -> woken.size() >= 6);
      long gatheredWake = System.nanoTime();
      // A window's wake never comes before the window has passed (a lower bound, not a speed).
      assertThat(Duration.ofNanos(gatheredWake - firstUpdate)).isGreaterThanOrEqualTo(window);
      put(map("d", "five", "x")); // handed on after the gathered ones: none came twice
      await().until(() -> woken.contains(id("five")));
      assertThat(woken.subList(2, 3)).containsExactly(id("four"));
      assertThat(woken.subList(3, 6)).containsExactlyInAnyOrder(id("one"), id("two"), id("three"));
      assertThat(woken.subList(6, woken.size())).containsExactly(id("five"));
    } finally {
      gathering.stop();
    }
  }

  @Test
  void aStopDropsTheGatheredWakesAndARestartGathersAfresh() {
    StoreEvents<ConfigMap, ConfigMap> gathering =
        events(new InformerListing("gathering"), source, sourceListing, Duration.ofMinutes(1))
            .gatheringUpdatesFor(Duration.ofMinutes(10));
    sourceListing.listed();
    gathering.start();
    put(map("a", "one", "x"));
    await().until(() -> woken.size() == 1);
    put(map("a", "two", "x")); // gathered for ten minutes, then dropped by the stop
    put(map("x", "five", "x")); // an addition after it: once it wakes, the update was gathered
    await().until(() -> woken.contains(id("five")));
    gathering.stop();

    gathering.gatheringUpdatesFor(Duration.ofMillis(100)).start();
    try {
      put(map("a", "three", "x"));
      // A restart that kept the dropped window's objects would never wake these.
      await().until(() -> woken.contains(id("three")));
      assertThat(woken.subList(0, 2)).containsExactly(id("one"), id("five"));
      assertThat(woken.subList(2, woken.size())).containsExactlyInAnyOrder(id("two"), id("three"));
    } finally {
      gathering.stop();
    }
  }

  private static boolean listed(InformerListing listing) {
    try {
      listing.await(Duration.ZERO);
      return true;
    } catch (OperatorException e) {
      return false;
    }
  }

  private StoreEvents<ConfigMap, ConfigMap> events(
      InformerListing ownListing,
      IndexedItemStore<ConfigMap> source,
      InformerListing sourceListing,
      Duration timeout) {
    StoreEvents<ConfigMap, ConfigMap> events =
        new StoreEvents<>(
            ConfigMap.class,
            ownListing,
            source,
            sourceListing,
            map -> Set.of(id(Objects.requireNonNull(map.getMetadata().getLabels().get("primary")))),
            (before, after) ->
                !before
                    .getMetadata()
                    .getLabels()
                    .get("primary")
                    .equals(after.getMetadata().getLabels().get("primary")),
            timeout);
    events.setEventHandler(
        new EventHandler() {
          @Override
          public void handleEvent(Event event) {
            woken.add(event.getRelatedCustomResourceID());
          }
        });
    return events;
  }

  private void put(ConfigMap map) {
    source.put(source.getKey(map), map);
  }

  private static ResourceID id(String name) {
    return new ResourceID(name, "ns");
  }

  private static ConfigMap map(String name, String primary, String other) {
    Map<String, String> labels = new HashMap<>(Map.of("other", other));
    if (primary != null) {
      labels.put("primary", primary);
    }
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }
}
