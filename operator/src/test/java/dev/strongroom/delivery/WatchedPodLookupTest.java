package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.api.StrongroomApi;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WatchedPodLookupTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Map<String, Pod> watched = new ConcurrentHashMap<>();
  private final TestingObjectLookup live =
      new TestingObjectLookup().service("shop", "web", 2).pod("shop", "web-1", "uid-1", "web", 2);
  private final AtomicBoolean watching = new AtomicBoolean(true);
  private final WatchedPodLookup lookup =
      new WatchedPodLookup(watched::get, watching::get, live, () -> {}, registry);

  @Test
  void aWatchedPodWithTheTokensUidNeedsNoApiCall() {
    watched.put("shop/web-1", pod("web-1", "uid-1"));
    assertThat(lookup.findWithUid("shop", OwnerKind.POD, "web-1", "uid-1"))
        .hasValueSatisfying(
            p -> {
              assertThat(p.uid()).isEqualTo("uid-1");
              assertThat(p.annotations())
                  .containsEntry(StrongroomApi.GRANT_REVISION_ANNOTATION, "2");
              assertThat(p.controller())
                  .hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("web-rs2"));
            });
    assertThat(live.calls).hasValue(0);
    assertThat(reads("watch")).isEqualTo(1);
    assertThat(reads("api")).isZero();
  }

  @Test
  void aPodTheWatchHasNotSeenIsReadLive() {
    assertThat(lookup.findWithUid("shop", OwnerKind.POD, "web-1", "uid-1"))
        .hasValueSatisfying(p -> assertThat(p.uid()).isEqualTo("uid-1"));
    assertThat(live.calls).hasValue(1);
    assertThat(reads("api")).isEqualTo(1);
  }

  @Test
  void aWatchedPodWithAnotherUidIsReadLive() {
    watched.put("shop/web-1", pod("web-1", "uid-0"));
    assertThat(lookup.findWithUid("shop", OwnerKind.POD, "web-1", "uid-1"))
        .hasValueSatisfying(p -> assertThat(p.uid()).isEqualTo("uid-1"));
    assertThat(live.calls).hasValue(1);
  }

  @Test
  void aPodGoneFromTheWatchAndTheApiServerIsNotFound() {
    watched.put("shop/web-1", pod("web-1", "uid-1"));
    assertThat(lookup.findWithUid("shop", OwnerKind.POD, "web-1", "uid-1")).isPresent();
    watched.remove("shop/web-1");
    live.remove("shop", OwnerKind.POD, "web-1");
    assertThat(lookup.findWithUid("shop", OwnerKind.POD, "web-1", "uid-1")).isEmpty();
  }

  @Test
  void whileTheWatchIsDownEveryPodIsReadLive() {
    watched.put("shop/web-1", pod("web-1", "uid-1"));
    watching.set(false);
    live.remove("shop", OwnerKind.POD, "web-1");
    assertThat(lookup.findWithUid("shop", OwnerKind.POD, "web-1", "uid-1"))
        .as("a pod deleted while the watch was down is not served from its stale copy")
        .isEmpty();
    assertThat(live.calls).hasValue(1);
  }

  @Test
  void otherKindsAreNotTakenFromThePodWatch() {
    watched.put("shop/web", pod("web", "web-deploy-uid"));
    assertThat(lookup.findWithUid("shop", OwnerKind.DEPLOYMENT, "web", "web-deploy-uid"))
        .hasValueSatisfying(d -> assertThat(d.controller()).isPresent());
    assertThat(live.calls).hasValue(1);
  }

  private double reads(String source) {
    return registry.get("strongroom.delivery.pod.reads").tag("source", source).counter().count();
  }

  private static Pod pod(String name, String uid) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("shop")
        .withName(name)
        .withUid(uid)
        .addToAnnotations(StrongroomApi.GRANT_REVISION_ANNOTATION, "2")
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("ReplicaSet")
        .withName("web-rs2")
        .withUid("web-rs2-uid")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .build();
  }
}
