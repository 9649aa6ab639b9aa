package dev.strongroom.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caches accepted reviews, keyed by the token's SHA-256 (never the token), until the earlier of the
 * token's own expiry and {@code maxAge}; and lets at most {@code maxInFlight} reviews reach the API
 * server at once, refusing with {@link Refusal#OVERLOADED} after {@code waitForPermit}.
 */
public final class CachingTokenReviewer implements TokenReviewer {
  private record Entry(ReviewedToken review, Instant until) {}

  private final TokenReviewer delegate;
  private final Clock clock;
  private final Duration maxAge;
  private final int maxEntries;
  private final Semaphore inFlight;
  private final Duration waitForPermit;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  public CachingTokenReviewer(
      TokenReviewer delegate,
      Clock clock,
      Duration maxAge,
      int maxEntries,
      int maxInFlight,
      Duration waitForPermit) {
    this.delegate = delegate;
    this.clock = clock;
    this.maxAge = maxAge;
    this.maxEntries = maxEntries;
    this.inFlight = new Semaphore(maxInFlight);
    this.waitForPermit = waitForPermit;
  }

  @Override
  public ReviewedToken review(String token) {
    String key = hash(token);
    Instant now = clock.instant();
    Entry cached = cache.get(key);
    if (cached != null) {
      if (now.isBefore(cached.until())) {
        return cached.review();
      }
      cache.remove(key, cached);
    }
    ReviewedToken review = reviewWithPermit(token);
    Optional<Instant> expiry = TokenExpiry.of(token);
    if (review.authenticated() && expiry.isPresent()) {
      Instant until = earlier(expiry.get(), now.plus(maxAge));
      if (until.isAfter(now)) {
        if (cache.size() >= maxEntries) {
          evictExpired(now);
        }
        if (cache.size() < maxEntries) {
          cache.put(key, new Entry(review, until));
        }
      }
    }
    return review;
  }

  /** How many reviews are cached (expired ones included until evicted). */
  public int size() {
    return cache.size();
  }

  /** The keys the cache holds: hashes, never tokens. */
  Set<String> keys() {
    return Set.copyOf(cache.keySet());
  }

  private ReviewedToken reviewWithPermit(String token) {
    try {
      if (!inFlight.tryAcquire(waitForPermit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new DeliveryRefusedException(Refusal.OVERLOADED);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryRefusedException(Refusal.UNAVAILABLE);
    }
    try {
      return delegate.review(token);
    } finally {
      inFlight.release();
    }
  }

  private void evictExpired(Instant now) {
    cache.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
