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
import java.util.List;
import java.util.Map;
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
  private final IndexedItemStore<ConfigMap> own = new IndexedItemStore<>(Map.of());
  private final IndexedItemStore<ConfigMap> source = new IndexedItemStore<>(Map.of());
  private final List<ResourceID> woken = new CopyOnWriteArrayList<>();
  private final StoreEvents<ConfigMap, ConfigMap> events =
      events(own, source, Duration.ofMinutes(1));

  @AfterEach
  void stop() {
    events.stop();
  }

  @Test
  void wakesWhatAnAdditionARemovalAndAnUpdateThatMattersNameBeforeAndAfter() {
    source.markListed();
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
    source.markListed();
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
    source.markListed();
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
    await().until(() -> own.awaitListed(Duration.ZERO));
    assertThat(started).isNotDone();
    assertThat(events.isRunning()).isFalse();

    source.markListed();
    started.join();
    assertThat(events.isRunning()).isTrue();
  }

  @Test
  void twoControllersStartingTogetherEachWaitForTheOther() {
    StoreEvents<ConfigMap, ConfigMap> other = events(source, own, Duration.ofMinutes(1));
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
    StoreEvents<ConfigMap, ConfigMap> waiting = events(own, source, Duration.ofMillis(50));
    assertThatThrownBy(waiting::start)
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("ConfigMap informer of the other controller did not list");
    assertThat(waiting.isRunning()).isFalse();
    put(map("late", "one", "x"));
    source.markListed();
    events.start(); // another source over the same store still works
    put(map("later", "two", "x"));
    await().until(() -> woken.contains(id("two")));
    assertThat(woken).containsExactly(id("two"));
  }

  private StoreEvents<ConfigMap, ConfigMap> events(
      IndexedItemStore<ConfigMap> own, IndexedItemStore<ConfigMap> source, Duration timeout) {
    StoreEvents<ConfigMap, ConfigMap> events =
        new StoreEvents<>(
            ConfigMap.class,
            own,
            source,
            map -> Set.of(id(map.getMetadata().getLabels().get("primary"))),
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
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName(name)
        .withLabels(Map.of("primary", primary, "other", other))
        .endMetadata()
        .build();
  }
}
