package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachingObjectLookupTest {
  private final TestingClock clock = new TestingClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final TestingObjectLookup objects =
      new TestingObjectLookup().service("shop", "web", 1).pod("shop", "web-1", "uid-1", "web", 1);
  private final List<Runnable> refreshes = new ArrayList<>();
  private final CachingObjectLookup cache =
      new CachingObjectLookup(objects, clock, Duration.ofSeconds(30), 100, refreshes::add);

  @Test
  void podsAreAlwaysReadLive() {
    cache.find("shop", OwnerKind.POD, "web-1");
    cache.find("shop", OwnerKind.POD, "web-1");
    assertThat(objects.calls).hasValue(2);
    objects.remove("shop", OwnerKind.POD, "web-1");
    assertThat(cache.find("shop", OwnerKind.POD, "web-1")).isEmpty();
  }

  @Test
  void ownersAreReusedUntilMaxAge() {
    cache.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid");
    clock.advance(Duration.ofSeconds(29));
    cache.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid");
    assertThat(objects.calls).hasValue(1);
    clock.advance(Duration.ofSeconds(1));
    cache.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid");
    assertThat(objects.calls).hasValue(2);
  }

  @Test
  void anOwnerInUseIsReadAgainInTheBackgroundOnceAndNeverExpiresOnTheCallersPath() {
    cache.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid");
    clock.advance(Duration.ofSeconds(14));
    cache.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid");
    assertThat(refreshes).as("younger than half its age: no refresh").isEmpty();

    clock.advance(Duration.ofSeconds(1));
    cache.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid");
    cache.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid");
    assertThat(refreshes).as("one refresh, however many callers").hasSize(1);
    assertThat(objects.calls).as("the callers were answered from the cache").hasValue(1);

    refreshes.remove(0).run();
    assertThat(objects.calls).hasValue(2);
    clock.advance(Duration.ofSeconds(29));
    cache.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid");
    assertThat(objects.calls)
        .as("44 s after the first read, the refreshed copy is 29 s old and still serves")
        .hasValue(2);
  }

  @Test
  void aRefreshThatFailsLeavesTheCopyToExpireAtItsAge() {
    cache.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid");
    clock.advance(Duration.ofSeconds(20));
    cache.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid");
    objects.failing = true;
    refreshes.remove(0).run();

    clock.advance(Duration.ofSeconds(9));
    assertThat(cache.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid"))
        .as("29 s old: still served")
        .isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(
            () -> cache.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid"))
        .as("30 s old: read on the caller's path, which reports the failure")
        .isInstanceOf(DeliveryRefusedException.class);
  }

  @Test
  void anOwnerReCreatedUnderTheSameNameIsReadAfresh() {
    cache.findWithUid("shop", OwnerKind.SWARM_SERVICE, "web", "web-uid");
    objects.put(
        "shop",
        OwnerKind.SWARM_SERVICE,
        "web",
        TestingObjectLookup.record("web-uid-2", null, Map.of()));
    assertThat(cache.findWithUid("shop", OwnerKind.SWARM_SERVICE, "web", "web-uid-2"))
        .hasValueSatisfying(r -> assertThat(r.uid()).isEqualTo("web-uid-2"));
    assertThat(objects.calls).hasValue(2);
  }
}
