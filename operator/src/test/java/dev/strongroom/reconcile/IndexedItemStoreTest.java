package dev.strongroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The informer store's index, alone and with a reader beside the informer's writes. */
class IndexedItemStoreTest {
  private final IndexedItemStore<ConfigMap> store =
      new IndexedItemStore<>(
          Map.of("team", c -> List.of(c.getMetadata().getLabels().getOrDefault("team", "none"))));

  @Test
  void findsObjectsByTheirCurrentKeys() {
    put(map("a", "blue", "1"));
    put(map("b", "blue", "1"));
    put(map("c", "red", "1"));

    assertThat(names(store.byIndex("team", "blue"))).containsExactlyInAnyOrder("a", "b");

    put(map("a", "red", "2"));
    assertThat(names(store.byIndex("team", "blue"))).containsExactly("b");
    assertThat(names(store.byIndex("team", "red"))).containsExactlyInAnyOrder("a", "c");

    store.remove("ns/c");
    assertThat(names(store.byIndex("team", "red"))).containsExactly("a");
    assertThat(store.byIndex("team", "green")).isEmpty();
    assertThat(store.get("ns/a").getMetadata().getResourceVersion()).isEqualTo("2");
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.keySet()).containsExactlyInAnyOrder("ns/a", "ns/b");
  }

  @Test
  void keysObjectsAsTheInformerLooksThemUp() {
    assertThat(store.getKey(map("a", "blue", "1"))).isEqualTo("ns/a");
  }

  @Test
  void refusesAnIndexItDoesNotHave() {
    assertThatThrownBy(() -> store.byIndex("colour", "blue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("colour");
  }

  @Test
  @Timeout(60)
  void aReaderNeverMissesAnObjectWhoseKeyAnUpdateLeftAsItWas() throws Exception {
    put(map("a", "blue", "0"));
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong reads = new AtomicLong();
    AtomicLong misses = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                while (writing.get()) {
                  reads.incrementAndGet();
                  if (store.byIndex("team", "blue").isEmpty()) {
                    misses.incrementAndGet();
                  }
                }
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    reader.start();
    // The informer's updates of an object whose index key stays "blue" (a status change, say),
    // until the reader has had its share of them.
    for (int i = 1; i <= 300_000 || (reads.get() < 100_000 && reader.isAlive()); i++) {
      put(map("a", "blue", Integer.toString(i)));
    }
    writing.set(false);
    reader.join();

    assertThat(failure.get()).isNull();
    assertThat(misses.get()).as("reads that missed it, of %d", reads.get()).isZero();
  }

  @Test
  void aReconcilerRegisteredWithoutItsStoreIsRefused() {
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
            .build()) {
      Operator operator = new Operator(o -> o.withKubernetesClient(client));
      Clock clock = Clock.systemUTC();

      ControllerStores stores = new ControllerStores();
      new SwarmSecretReconciler(stores, null, null, clock).registerWith(operator);
      assertThatThrownBy(
              () -> operator.register(new SwarmSecretReconciler(stores, null, null, clock)))
          .hasStackTraceContaining("registerWith(operator)");
    }
  }

  private void put(ConfigMap map) {
    store.put(store.getKey(map), map);
  }

  private static ConfigMap map(String name, String team, String resourceVersion) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName(name)
        .withResourceVersion(resourceVersion)
        .withLabels(Map.of("team", team))
        .endMetadata()
        .build();
  }

  private static List<String> names(List<ConfigMap> maps) {
    return maps.stream().map(m -> m.getMetadata().getName()).toList();
  }
}
