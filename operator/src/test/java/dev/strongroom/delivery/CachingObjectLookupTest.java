package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachingObjectLookupTest {
  private final TestingClock clock = new TestingClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final TestingObjectLookup objects =
      new TestingObjectLookup().service("shop", "web", 1).pod("shop", "web-1", "uid-1", "web", 1);
  private final CachingObjectLookup cache =
      new CachingObjectLookup(objects, clock, Duration.ofSeconds(30), 100);

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
