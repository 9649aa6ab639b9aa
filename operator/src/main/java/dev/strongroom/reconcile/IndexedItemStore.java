package dev.strongroom.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An informer's store with indexes that a concurrent reader never sees without an object whose
 * update left its index key unchanged. Fabric8's informer indexes (through 7.5.2, its issue 7265)
 * remove an updated object's keys and then add the new ones, unsynchronized with {@code byIndex}: a
 * reconcile that looked up "the services that grant this secret" while one of them was being
 * updated could miss it, and so report a granted secret as not in use (and let its deletion
 * complete), a present secret as not found, or drop the event that rolls a service. Here an update
 * adds its keys before it removes the ones it no longer has.
 */
final class IndexedItemStore<R extends HasMetadata> implements ItemStore<R> {
  private final Map<String, R> items = new ConcurrentHashMap<>();
  private final Map<String, Function<R, List<String>>> indexers;
  private final Map<String, Map<String, Set<String>>> indices = new ConcurrentHashMap<>();

  /** A store with {@code indexers}: index name to the index keys of an object. */
  IndexedItemStore(Map<String, Function<R, List<String>>> indexers) {
    this.indexers = Map.copyOf(indexers);
    indexers.keySet().forEach(name -> indices.put(name, new ConcurrentHashMap<>()));
  }

  /** The objects whose {@code index} keys include {@code key}, as stored now. */
  List<R> byIndex(String index, String key) {
    Function<R, List<String>> indexer = indexers.get(index);
    if (indexer == null) {
      throw new IllegalArgumentException("no index " + index);
    }
    Set<String> keys = indices.get(index).getOrDefault(key, Set.of());
    List<R> found = new ArrayList<>(keys.size());
    for (String itemKey : keys) {
      R item = items.get(itemKey);
      // An object read between an update of its item and of its keys is judged by what it is now.
      if (item != null && indexer.apply(item).contains(key)) {
        found.add(item);
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
    R previous = items.put(key, item);
    indexers.forEach(
        (name, indexer) -> {
          List<String> now = indexer.apply(item);
          Map<String, Set<String>> index = indices.get(name);
          for (String value : now) {
            index.compute(
                value,
                (v, keys) -> {
                  Set<String> set = keys == null ? ConcurrentHashMap.newKeySet() : keys;
                  set.add(key);
                  return set;
                });
          }
          if (previous != null) {
            for (String value : indexer.apply(previous)) {
              if (!now.contains(value)) {
                unindex(index, value, key);
              }
            }
          }
        });
    return previous;
  }

  @Override
  public R remove(String key) {
    R previous = items.remove(key);
    if (previous != null) {
      indexers.forEach(
          (name, indexer) -> {
            for (String value : indexer.apply(previous)) {
              unindex(indices.get(name), value, key);
            }
          });
    }
    return previous;
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
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public R get(String key) {
    return items.get(key);
  }
}
