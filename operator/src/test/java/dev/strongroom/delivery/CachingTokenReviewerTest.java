package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CachingTokenReviewerTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final TestingClock clock = new TestingClock(NOW);
  private final TestingTokenReviewer reviews = new TestingTokenReviewer();

  @Test
  void anAcceptedReviewIsReusedUntilTheTokenExpires() {
    String token = jwt(NOW.plusSeconds(120));
    reviews.podToken(token, "shop", "web-1", "uid");
    CachingTokenReviewer cache = cache(Duration.ofMinutes(5), 4);

    assertThat(cache.review(token).authenticated()).isTrue();
    clock.advance(Duration.ofSeconds(119));
    assertThat(cache.review(token).authenticated()).isTrue();
    assertThat(reviews.calls).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    cache.review(token);
    assertThat(reviews.calls).hasValue(2);
  }

  @Test
  void noReviewIsReusedLongerThanMaxAge() {
    String token = jwt(NOW.plusSeconds(600));
    reviews.podToken(token, "shop", "web-1", "uid");
    CachingTokenReviewer cache = cache(Duration.ofSeconds(30), 4);
    cache.review(token);
    clock.advance(Duration.ofSeconds(30));
    cache.review(token);
    assertThat(reviews.calls).hasValue(2);
  }

  @Test
  void rejectedTokensAndTokensWithoutExpiryAreNotCached() {
    String rejected = jwt(NOW.plusSeconds(600));
    String noExp = "a.b.c";
    reviews.podToken(noExp, "shop", "web-1", "uid");
    CachingTokenReviewer cache = cache(Duration.ofMinutes(5), 4);
    cache.review(rejected);
    cache.review(rejected);
    cache.review(noExp);
    cache.review(noExp);
    assertThat(reviews.calls).hasValue(4);
    assertThat(cache.size()).isZero();
  }

  @Test
  void theCacheIsKeyedByAHashNotByTheToken() {
    // SHA-256 of "abc" (FIPS 180-2's example), in hex.
    assertThat(CachingTokenReviewer.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    String token = jwt(NOW.plusSeconds(600));
    reviews.podToken(token, "shop", "web-1", "uid");
    CachingTokenReviewer cache = cache(Duration.ofMinutes(5), 4);

    cache.review(token);
    cache.review(token);

    assertThat(reviews.calls).hasValue(1);
    assertThat(cache.keys()).containsExactly(CachingTokenReviewer.hash(token));
  }

  @Test
  void reviewsBeyondTheConcurrencyLimitAreRefusedAsOverload() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TokenReviewer slow =
        token -> {
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ReviewedToken.rejected();
        };
    CachingTokenReviewer cache =
        new CachingTokenReviewer(slow, clock, Duration.ofMinutes(5), 10, 1, Duration.ZERO);
    CompletableFuture<ReviewedToken> first = CompletableFuture.supplyAsync(() -> cache.review("x"));
    assertThat(entered.await(30, TimeUnit.SECONDS)).as("the first review started").isTrue();
    assertThatThrownBy(() -> cache.review("y"))
        .isInstanceOfSatisfying(
            DeliveryRefusedException.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.OVERLOADED));
    release.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS).authenticated()).isFalse();
  }

  private CachingTokenReviewer cache(Duration maxAge, int inFlight) {
    return new CachingTokenReviewer(reviews, clock, maxAge, 100, inFlight, Duration.ofSeconds(1));
  }

  static String jwt(Instant exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(
            ("{\"aud\":[\"strongroom\"],\"exp\":" + exp.getEpochSecond() + ",\"iat\":1}")
                .getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }
}
