package dev.strongroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.strongroom.crypto.KeyEncryptionKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftSecretStoreTest {
  @TempDir Path dir;

  @Test
  void threePeersServeEveryOperationOverMutualTls() throws Exception {
    try (TestingCluster cluster = TestingCluster.start(dir, 3, StoreTuning.forTests())) {
      RaftSecretStore a = cluster.peer("p0");
      RaftSecretStore b = cluster.peer("p1");
      byte[] v1 = "first".getBytes(StandardCharsets.UTF_8);
      byte[] v2 = "second".getBytes(StandardCharsets.UTF_8);

      assertThat(a.putSecretVersion("shop", "psql_password", v1)).isEqualTo(1);
      List<Grant> first = List.of(new Grant("psql_password", 1, "pw", "0", "0", 0400));
      assertThat(a.recordGrantRevision("shop", "psql", first)).isEqualTo(1);
      assertThat(b.putSecretVersion("shop", "psql_password", v2)).isEqualTo(2);
      assertThat(b.putSecretVersion("other", "psql_password", v1)).isEqualTo(1);

      try (SecretVersion read = b.readSecretVersion("shop", "psql_password", 1).orElseThrow()) {
        assertThat(read.value().contentEquals(v1)).as("a granted version outlives v2").isTrue();
        assertThat(read.toString()).doesNotContain("first");
      }
      try (SecretVersion latest =
          a.readLatestSecretVersion("shop", "psql_password").orElseThrow()) {
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.value().contentEquals(v2)).isTrue();
      }
      assertThat(b.putSecretVersion("other", "psql_password", v2)).isEqualTo(2);
      assertThat(b.readSecretVersion("other", "psql_password", 1))
          .as("superseded before anything granted it")
          .isEmpty();
      assertThatThrownBy(
              () ->
                  a.recordGrantRevision(
                      "other", "psql", List.of(new Grant("psql_password", 1, "pw", "0", "0", 0))))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("superseded or deleted");
      assertThat(b.readLatestGrantRevision("other", "psql")).isEmpty();
      assertThat(a.listSecrets("shop"))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.name()).isEqualTo("psql_password");
                assertThat(m.versions()).containsExactly(1L, 2L);
              });

      List<Grant> grants = List.of(new Grant("psql_password", 2, "pw", "0", "0", 0400));
      assertThat(a.recordGrantRevision("shop", "psql", grants)).isEqualTo(2);
      assertThat(b.readLatestGrantRevision("shop", "psql").orElseThrow().grants())
          .isEqualTo(grants);
      assertThat(b.readGrantRevision("shop", "psql", 3)).isEmpty();
      assertThat(b.readGrantedSecrets("shop", "psql", 3)).isEmpty();
      try (GrantedSecrets granted = b.readGrantedSecrets("shop", "psql", 2).orElseThrow()) {
        assertThat(granted.revision().grants()).isEqualTo(grants);
        assertThat(granted.versions())
            .singleElement()
            .satisfies(v -> assertThat(v.orElseThrow().value().contentEquals(v2)).isTrue());
      }

      assertThat(a.putKeyMaterial("sealing-key", new byte[] {1, 2, 3})).isEqualTo(1);
      try (KeyMaterial k = b.readKeyMaterial("sealing-key").orElseThrow()) {
        assertThat(k.material().contentEquals(new byte[] {1, 2, 3})).isTrue();
      }

      assertThat(b.deleteSecret("shop", "psql_password")).isTrue();
      assertThat(b.deleteSecret("shop", "psql_password")).isFalse();
      assertThat(a.readLatestSecretVersion("shop", "psql_password")).isEmpty();
      assertThat(a.listSecrets("shop")).isEmpty();
      try (GrantedSecrets granted = a.readGrantedSecrets("shop", "psql", 2).orElseThrow()) {
        assertThat(granted.versions())
            .as("a deleted version is absent")
            .containsExactly(java.util.Optional.empty());
      }
      assertThat(a.putSecretVersion("shop", "psql_password", v1))
          .as("version numbers are never reused")
          .isEqualTo(3);
    }
  }

  @Test
  void retainedAndForgottenRevisionsAreTheSameOnEveryPeer() throws Exception {
    try (TestingCluster cluster = TestingCluster.start(dir, 3, StoreTuning.forTests())) {
      RaftSecretStore a = cluster.peer("p0");
      RaftSecretStore b = cluster.peer("p1");
      RaftSecretStore c = cluster.peer("p2");
      for (int v = 1; v <= 3; v++) {
        assertThat(a.putSecretVersion("shop", "pw", new byte[] {(byte) v})).isEqualTo(v);
        List<Grant> grants = List.of(new Grant("pw", v, "pw", "0", "0", 0400));
        assertThat(b.recordGrantRevision("shop", "psql", "psql-uid", grants, 2)).isEqualTo(v);
      }
      assertThat(c.recordGrantRevision("shop", "web", "web-uid", List.of(), 2)).isEqualTo(1);

      for (RaftSecretStore peer : List.of(a, b, c)) {
        assertThat(peer.listServices())
            .containsExactly(
                new StoredService("shop", "psql", 2, 3, 2),
                new StoredService("shop", "web", 1, 1, 1));
        assertThat(peer.readGrantRevision("shop", "psql", 1)).isEmpty();
        assertThat(peer.readLatestGrantRevision("shop", "psql").orElseThrow().serviceUid())
            .isEqualTo("psql-uid");
        assertThat(peer.readSecretVersion("shop", "pw", 1))
            .as("only revision 1 named it")
            .isEmpty();
      }

      assertThat(c.forgetService("shop", "psql", 2)).as("not its newest").isFalse();
      assertThat(c.forgetService("shop", "psql", 3)).isTrue();
      assertThat(a.forgetService("shop", "psql", 3)).isFalse();

      for (RaftSecretStore peer : List.of(a, b, c)) {
        assertThat(peer.listServices()).extracting(StoredService::service).containsExactly("web");
        assertThat(peer.readLatestGrantRevision("shop", "psql")).isEmpty();
        assertThat(peer.listSecrets("shop").get(0).versions()).containsExactly(3L);
        // size() is this peer's applied state, not a linearizable read: a follower may lag.
        await("the size " + peer)
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(peer.size()).isEqualTo(new StoreSize(1, 1, 1, 1, 1)));
      }
      assertThatThrownBy(() -> a.forgetService("shop", "web", 0))
          .isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> a.recordGrantRevision("shop", "web", "web-uid", List.of(), -1))
          .isInstanceOf(InvalidRequestException.class);
    }
  }

  @Test
  void racingFirstWritesOfKeyMaterialFromEveryPeerLeaveExactlyOneWinner() throws Exception {
    try (TestingCluster cluster = TestingCluster.start(dir, 3, StoreTuning.forTests())) {
      List<String> peers = List.of("p0", "p1", "p2");
      List<java.util.concurrent.CompletableFuture<Long>> writes =
          peers.stream()
              .map(
                  id ->
                      java.util.concurrent.CompletableFuture.supplyAsync(
                          () ->
                              cluster
                                  .peer(id)
                                  .putKeyMaterialIfLatest(
                                      "delivery-ca", 0, id.getBytes(StandardCharsets.UTF_8))))
              .toList();
      List<Long> results =
          writes.stream().map(java.util.concurrent.CompletableFuture::join).toList();

      assertThat(results).containsOnly(0L, 1L).containsOnlyOnce(1L);
      String winner = peers.get(results.indexOf(1L));
      try (KeyMaterial k = cluster.peer("p2").readKeyMaterial("delivery-ca").orElseThrow()) {
        assertThat(k.version()).isEqualTo(1);
        assertThat(k.material().contentEquals(winner.getBytes(StandardCharsets.UTF_8))).isTrue();
      }
      assertThat(cluster.peer("p1").putKeyMaterialIfLatest("delivery-ca", 1, new byte[] {7}))
          .isEqualTo(2);
      assertThatThrownBy(
              () -> cluster.peer("p0").putKeyMaterialIfLatest("delivery-ca", -2, new byte[] {7}))
          .isInstanceOf(InvalidRequestException.class);
    }
  }

  @Test
  void oneEmbeddedPeerNeedsNoTls() throws Exception {
    SecureRandom random = TestingCluster.seeded(1);
    try (RaftSecretStore store =
            new RaftSecretStore(
                StoreConfig.embedded(dir, TestingCluster.freePort(), Clock.systemUTC(), random));
        KeyEncryptionKey kek = KeyEncryptionKey.generate(random)) {
      store.unlock(kek);
      assertThat(store.putSecretVersion("ns", "a", new byte[] {7})).isEqualTo(1);
      assertThat(store.readLatestSecretVersion("ns", "a")).isPresent();
    }
  }

  @Test
  void refusesValuesOutsideSwarmsLimits() throws Exception {
    try (TestingCluster cluster = TestingCluster.start(dir, 1, StoreTuning.forTests())) {
      RaftSecretStore store = cluster.peer("p0");
      assertThatThrownBy(() -> store.putSecretVersion("ns", "a", new byte[0]))
          .isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(
              () -> store.putSecretVersion("ns", "a", new byte[SecretValue.MAX_BYTES + 1]))
          .isInstanceOf(InvalidRequestException.class);
      assertThat(store.putSecretVersion("ns", "a", new byte[SecretValue.MAX_BYTES])).isEqualTo(1);
      assertThatThrownBy(() -> store.putSecretVersion("n/s", "a", new byte[1]))
          .isInstanceOf(InvalidRequestException.class);
    }
  }
}
