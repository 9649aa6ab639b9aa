package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.store.Grant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryServiceTest {
  private final TestingSecretStore store = new TestingSecretStore();
  private final TestingTokenReviewer reviewer =
      new TestingTokenReviewer()
          .podToken("v1-pod", "shop", "web-a", "uid-a")
          .podToken("v2-pod", "shop", "web-b", "uid-b")
          .podToken("v9-pod", "shop", "web-c", "uid-c");
  private final TestingObjectLookup objects =
      new TestingObjectLookup()
          .service("shop", "web", 1)
          .service("shop", "web", 2)
          .service("shop", "web", 9)
          .pod("shop", "web-a", "uid-a", "web", 1)
          .pod("shop", "web-b", "uid-b", "web", 2)
          .pod("shop", "web-c", "uid-c", "web", 9);
  private final DeliveryService service =
      new DeliveryService(new DeliveryAuthorizer(reviewer, objects), store);

  @Test
  void eachPodGetsExactlyTheVersionsOfItsRevision() {
    store.putSecretVersion("shop", "db", bytes("db-v1"));
    store.putSecretVersion("shop", "db", bytes("db-v2"));
    store.putSecretVersion("shop", "api", bytes("api-v1"));
    store.recordGrantRevision(
        "shop",
        "web",
        List.of(
            new Grant("db", 1, "db", "0", "0", 0444),
            new Grant("api", 1, "key", "999", "998", 0400)));
    store.recordGrantRevision("shop", "web", List.of(new Grant("db", 2, "db", "0", "0", 0440)));

    try (Delivery first = service.deliver("v1-pod")) {
      assertThat(first.secretNames()).containsExactly("db", "api");
      assertThat(first.files())
          .extracting(
              f ->
                  f.target()
                      + ":"
                      + new String(f.value(), StandardCharsets.UTF_8)
                      + ":"
                      + f.uid()
                      + ":"
                      + f.gid()
                      + ":"
                      + Integer.toOctalString(f.mode()))
          .containsExactly("db:db-v1:0:0:444", "key:api-v1:999:998:400");
    }
    try (Delivery second = service.deliver("v2-pod")) {
      assertThat(second.files())
          .extracting(f -> f.target() + ":" + new String(f.value(), StandardCharsets.UTF_8))
          .containsExactly("db:db-v2");
    }
  }

  @Test
  void aRevisionTheServiceNeverHadIsForbidden() {
    store.recordGrantRevision("shop", "web", List.of());
    assertThatThrownBy(() -> service.deliver("v9-pod"))
        .isInstanceOfSatisfying(
            DeliveryRefusedException.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.UNKNOWN_REVISION));
  }

  @Test
  void aRevisionRecordedForAnEarlierServiceByTheSameNameIsForbidden() {
    store.putSecretVersion("shop", "db", bytes("db-v1"));
    List<Grant> grants = List.of(new Grant("db", 1, "db", "0", "0", 0444));
    // web was deleted after revision 1 and created again (uid web-uid); the old pod's chain
    // checks out against the new service, as an adopted ReplicaSet's or a cached owner's would.
    store.recordGrantRevision("shop", "web", "uid-of-the-deleted-web", grants, 10);
    store.recordGrantRevision("shop", "web", "web-uid", grants, 10);

    assertThatThrownBy(() -> service.deliver("v1-pod"))
        .isInstanceOfSatisfying(
            DeliveryRefusedException.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.UNKNOWN_REVISION));
    try (Delivery own = service.deliver("v2-pod")) {
      assertThat(own.secretNames()).containsExactly("db");
    }
  }

  @Test
  void aRevisionWhoseSecretWasDeletedIsForbidden() {
    store.putSecretVersion("shop", "db", bytes("db-v1"));
    store.recordGrantRevision("shop", "web", List.of(new Grant("db", 1, "db", "0", "0", 0444)));
    store.deleteSecret("shop", "db");
    assertThatThrownBy(() -> service.deliver("v1-pod"))
        .isInstanceOfSatisfying(
            DeliveryRefusedException.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.REVISION_GONE));
  }

  @Test
  void aLockedStoreAsksToRetry() {
    store.recordGrantRevision("shop", "web", List.of());
    store.locked = true;
    assertThatThrownBy(() -> service.deliver("v1-pod"))
        .isInstanceOfSatisfying(
            DeliveryRefusedException.class,
            e -> {
              assertThat(e.refusal()).isEqualTo(Refusal.STORE_LOCKED);
              assertThat(e.refusal().status()).isEqualTo(503);
              assertThat(e.refusal().retryAfterSeconds()).isPositive();
            });
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
