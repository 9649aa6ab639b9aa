package dev.strongroom.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Caches ReplicaSets, Deployments and SwarmServices for at most {@code maxAge} (their owner
 * references and templates do not change once made); pods are passed to {@code delegate} (see
 * {@link WatchedPodLookup}).
 *
 * <p>An entry used after half its age is read again on {@code refresher} while the cached copy
 * keeps answering, so an owner that deliveries keep asking for never expires on a delivery's path:
 * when every entry simply expired, each expiry of a busy service's ReplicaSet, Deployment or
 * SwarmService sent every delivery in flight to the API server at once and held them there for 50
 * to 300 ms. No copy older than {@code maxAge} is ever served.
 */
public final class CachingObjectLookup implements ObjectLookup {
  private record Key(String namespace, OwnerKind kind, String name) {}

  private record Entry(ObjectRecord record, Instant refreshAt, Instant until) {}

  private final ObjectLookup delegate;
  private final Clock clock;
  private final Duration maxAge;
  private final int maxEntries;
  private final Executor refresher;
  private final ConcurrentHashMap<Key, Entry> cache = new ConcurrentHashMap<>();
  private final Set<Key> refreshing = ConcurrentHashMap.newKeySet();

  public CachingObjectLookup(
      ObjectLookup delegate, Clock clock, Duration maxAge, int maxEntries, Executor refresher) {
    this.delegate = delegate;
    this.clock = clock;
    this.maxAge = maxAge;
    this.maxEntries = maxEntries;
    this.refresher = refresher;
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
      if (!now.isBefore(entry.refreshAt())) {
        refreshInBackground(key);
      }
      return Optional.of(entry.record());
    }
    return load(key, now);
  }

  /** Reads {@code key} from the delegate and caches what it found; empty forgets it. */
  private Optional<ObjectRecord> load(Key key, Instant now) {
    Optional<ObjectRecord> found = delegate.find(key.namespace(), key.kind(), key.name());
    if (found.isEmpty()) {
      cache.remove(key);
      return found;
    }
    if (cache.size() >= maxEntries) {
      cache.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
    }
    if (cache.size() < maxEntries || cache.containsKey(key)) {
      cache.put(key, new Entry(found.get(), now.plus(maxAge.dividedBy(2)), now.plus(maxAge)));
    }
    return found;
  }

  /** One refresh per key at a time; a failed one leaves the entry to expire at its age. */
  private void refreshInBackground(Key key) {
    if (!refreshing.add(key)) {
      return;
    }
    try {
      refresher.execute(
          () -> {
            try {
              load(key, clock.instant());
            } catch (RuntimeException e) {
              // The API server did not answer: the cached copy serves until it expires, and the
              // first delivery after that reads it on its own path and reports the failure.
            } finally {
              refreshing.remove(key);
            }
          });
    } catch (RejectedExecutionException e) {
      refreshing.remove(key);
    }
  }
}
