package dev.strongroom.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An informer's store with indexes in which a reader never misses an object whose index keys an
 * update left unchanged. Fabric8's informer indexes (through 7.5.2, its issue 7265) remove an
 * updated object's keys and then add the new ones, unsynchronized with {@code byIndex}: a reconcile
 * that looked up "the services that grant this secret" while one of them was being updated could
 * miss it, and so report a granted secret as not in use (and let its deletion complete), a present
 * secret as not found, or drop the event that rolls a service. Here an update adds its keys before
 * it removes the ones it no longer has.
 *
 * <p>One store serves one informer, once: the informer of all namespaces ({@link #requireFor}),
 * since a per-namespace informer's relist would drop the other namespaces' objects from a shared
 * store, and a restarted one would find its old objects still in it. Other controllers may read it
 * and follow its changes ({@link #listen}), so that one informer serves them all.
 */
final class IndexedItemStore<R extends HasMetadata> implements ItemStore<R> {
  /** An object and its keys in each index, as computed when it was stored. */
  private record Entry<R>(R item, Map<String, List<String>> keys) {}

  /**
   * Told of each change once the store holds it: {@code before} null for an addition, {@code after}
   * for a removal.
   */
  interface Listener<R> {
    void changed(R before, R after);
  }

  private final Map<String, Entry<R>> items = new ConcurrentHashMap<>();
  private final Map<String, Function<R, List<String>>> indexers;
  private final Map<String, Map<String, Set<String>>> indices = new HashMap<>();
  private final List<Listener<R>> listeners = new CopyOnWriteArrayList<>();

  /** A store with {@code indexers}: index name to the index keys of an object. */
  IndexedItemStore(Map<String, Function<R, List<String>>> indexers) {
    this.indexers = Map.copyOf(indexers);
    this.indexers.keySet().forEach(name -> indices.put(name, new ConcurrentHashMap<>()));
  }

  /**
   * Fails unless the controller's primary informer keeps its objects in {@code store} and watches
   * every namespace: registered otherwise, the reconciler's lookups would be wrong, silently.
   */
  static <P extends HasMetadata> void requireFor(
      EventSourceContext<P> context, IndexedItemStore<P> store) {
    InformerConfiguration<P> informer = context.getControllerConfiguration().getInformerConfig();
    if (informer.getItemStore() != store || !informer.watchAllNamespaces()) {
      throw new IllegalStateException(
          "register "
              + context.getPrimaryResourceClass().getSimpleName()
              + "'s reconciler with its registerWith(operator), watching all namespaces: its"
              + " lookups read its own store");
    }
  }

  /**
   * Tells {@code listener} of every later change, on the informer's thread, with the informer's
   * lock held: it must only hand the change on, and never throw (the informer would lose the
   * change's own notification).
   */
  void listen(Listener<R> listener) {
    listeners.add(listener);
  }

  void unlisten(Listener<R> listener) {
    listeners.remove(listener);
  }

  /** The objects whose {@code index} keys include {@code key}, as stored now. */
  List<R> byIndex(String index, String key) {
    Map<String, Set<String>> keys = indices.get(index);
    if (keys == null) {
      throw new IllegalArgumentException("no index " + index);
    }
    Set<String> itemKeys = keys.getOrDefault(key, Set.of());
    List<R> found = new ArrayList<>(itemKeys.size());
    for (String itemKey : itemKeys) {
      Entry<R> entry = items.get(itemKey);
      // An object read between an update of its entry and of the index is judged by what it is now.
      if (entry != null && entry.keys().get(index).contains(key)) {
        found.add(entry.item());
      }
    }
    return found;
  }

  @Override
  public String getKey(R item) {
    return Cache.metaNamespaceKeyFunc(item);
  }

  @Override
  public R put(String key, R item) {
    Map<String, List<String>> now = new HashMap<>();
    indexers.forEach((name, indexer) -> now.put(name, List.copyOf(indexer.apply(item))));
    Entry<R> previous = items.put(key, new Entry<>(item, now));
    now.forEach(
        (name, values) -> {
          Map<String, Set<String>> index = indices.get(name);
          for (String value : values) {
            index.compute(
                value,
                (v, keys) -> {
                  Set<String> set = keys == null ? ConcurrentHashMap.newKeySet() : keys;
                  set.add(key);
                  return set;
                });
          }
          if (previous != null) {
            for (String value : previous.keys().get(name)) {
              if (!values.contains(value)) {
                unindex(index, value, key);
              }
            }
          }
        });
    R before = previous == null ? null : previous.item();
    listeners.forEach(l -> l.changed(before, item));
    return before;
  }

  @Override
  public R remove(String key) {
    Entry<R> previous = items.remove(key);
    if (previous == null) {
      return null;
    }
    previous
        .keys()
        .forEach((name, values) -> values.forEach(v -> unindex(indices.get(name), v, key)));
    listeners.forEach(l -> l.changed(previous.item(), null));
    return previous.item();
  }

  private static void unindex(Map<String, Set<String>> index, String value, String key) {
    index.computeIfPresent(
        value,
        (v, keys) -> {
          keys.remove(key);
          return keys.isEmpty() ? null : keys;
        });
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<R> values() {
    return items.values().stream().map(Entry::item);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public R get(String key) {
    Entry<R> entry = items.get(key);
    return entry == null ? null : entry.item();
  }
}
