package dev.strongroom.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches ReplicaSets, Deployments and SwarmServices for {@code maxAge} (their owner references and
 * templates do not change once made); pods are passed to {@code delegate} (see {@link
 * WatchedPodLookup}).
 */
public final class CachingObjectLookup implements ObjectLookup {
  private record Key(String namespace, OwnerKind kind, String name) {}

  private record Entry(ObjectRecord record, Instant until) {}

  private final ObjectLookup delegate;
  private final Clock clock;
  private final Duration maxAge;
  private final int maxEntries;
  private final ConcurrentHashMap<Key, Entry> cache = new ConcurrentHashMap<>();

  public CachingObjectLookup(ObjectLookup delegate, Clock clock, Duration maxAge, int maxEntries) {
    this.delegate = delegate;
    this.clock = clock;
    this.maxAge = maxAge;
    this.maxEntries = maxEntries;
  }

  @Override
  public Optional<ObjectRecord> find(String namespace, OwnerKind kind, String name) {
    return findWithUid(namespace, kind, name, null);
  }

  @Override
  public Optional<ObjectRecord> findWithUid(
      String namespace, OwnerKind kind, String name, String uid) {
    if (kind == OwnerKind.POD) {
      return delegate.find(namespace, kind, name);
    }
    Key key = new Key(namespace, kind, name);
    Instant now = clock.instant();
    Entry entry = cache.get(key);
    if (entry != null
        && now.isBefore(entry.until())
        && (uid == null || uid.equals(entry.record().uid()))) {
      return Optional.of(entry.record());
    }
    Optional<ObjectRecord> found = delegate.find(namespace, kind, name);
    if (found.isEmpty()) {
      cache.remove(key);
      return found;
    }
    if (cache.size() >= maxEntries) {
      cache.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
    }
    if (cache.size() < maxEntries) {
      cache.put(key, new Entry(found.get(), now.plus(maxAge)));
    }
    return found;
  }
}
