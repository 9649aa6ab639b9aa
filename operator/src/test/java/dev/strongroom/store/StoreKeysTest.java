package dev.strongroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.crypto.KeyEncryptionKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locked mode, wrong keys and key rotation while writes go on. */
class StoreKeysTest {
  @TempDir Path dir;

  @Test
  void aLockedPeerServesNothingUntilUnlocked() throws Exception {
    try (TestingCluster cluster = TestingCluster.start(dir, 3, StoreTuning.forTests())) {
      cluster.peer("p0").putSecretVersion("ns", "a", new byte[] {1});
      cluster.stopPeer("p2");
      RaftSecretStore locked = cluster.lockedPeer("p2");
      assertThat(locked.isLocked()).isTrue();
      assertThat(locked.size()).isEqualTo(StoreSize.EMPTY);
      List<ThrowingCallable> calls =
          List.of(
              () -> locked.putSecretVersion("ns", "a", new byte[] {2}),
              () -> locked.readLatestSecretVersion("ns", "a"),
              () -> locked.readSecretVersion("ns", "a", 1),
              () -> locked.listSecrets("ns"),
              () -> locked.deleteSecret("ns", "a"),
              () -> locked.recordGrantRevision("ns", "svc", List.of()),
              () -> locked.readLatestGrantRevision("ns", "svc"),
              () -> locked.putKeyMaterial("ca", new byte[] {1}),
              () -> locked.readKeyMaterial("ca"),
              locked::rotateDataKey);
      for (ThrowingCallable call : calls) {
        assertThatThrownBy(call).isInstanceOf(StoreLockedException.class);
      }
      locked.unlock(cluster.kek);
      assertThat(locked.isLocked()).isFalse();
      assertThat(locked.readLatestSecretVersion("ns", "a")).isPresent();
    }
  }

  @Test
  void aWrongKeyIsRefusedAndTheStoreStaysLocked() throws Exception {
    try (TestingCluster cluster = TestingCluster.start(dir, 3, StoreTuning.forTests())) {
      cluster.peer("p0").putSecretVersion("ns", "a", new byte[] {1});
      cluster.stopPeer("p1");
      RaftSecretStore peer = cluster.lockedPeer("p1");
      try (KeyEncryptionKey wrong = KeyEncryptionKey.generate(cluster.random)) {
        assertThatThrownBy(() -> peer.unlock(wrong))
            .isInstanceOf(WrongKeyException.class)
            .hasMessageContaining("another key-encryption key");
      }
      assertThat(peer.isLocked()).isTrue();
      peer.unlock(cluster.kek);
      assertThat(peer.readLatestSecretVersion("ns", "a")).isPresent();
    }
  }

  @Test
  void aWipedPeerWithTheWrongKeyHaltsInsteadOfServing() throws Exception {
    StoreTuning tuning = StoreTuning.forTests().withSnapshots(64, 8, 32 << 10);
    try (TestingCluster cluster = TestingCluster.start(dir, 3, tuning)) {
      String leader = cluster.awaitLeader();
      String follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().get();
      RaftSecretStore store = cluster.peer(leader);
      cluster.wipePeer(follower);
      for (int i = 0; i < 150; i++) {
        store.putSecretVersion("ns", "s" + (i % 5), new byte[1024]);
      }
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  store
                          .server()
                          .getDivision(StoreDurabilityTest.groupOf(store))
                          .getRaftLog()
                          .getStartIndex()
                      > 0);
      RaftSecretStore peer = cluster.lockedPeer(follower);
      try (KeyEncryptionKey wrong = KeyEncryptionKey.generate(cluster.random)) {
        assertThatThrownBy(() -> peer.unlock(wrong)).isInstanceOf(WrongKeyException.class);
      }
      assertThat(peer.isLocked()).isTrue();
    }
  }

  @Test
  void keysRotateUnderLoadAndOldEntriesStayReadable() throws Exception {
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger count = new AtomicInteger();
    KeyEncryptionKey newKek;
    try (TestingCluster cluster = TestingCluster.start(dir, 3, StoreTuning.forTests())) {
      ExecutorService writers = Executors.newFixedThreadPool(3);
      try {
        List<Future<?>> running = new java.util.ArrayList<>();
        for (int w = 0; w < 3; w++) {
          RaftSecretStore store = cluster.peer("p" + w);
          int writer = w;
          running.add(
              writers.submit(
                  () -> {
                    for (int i = 0; !stop.get(); i++) {
                      String name = "w" + writer + "-" + i;
                      String value = "value-" + name;
                      store.putSecretVersion("ns", name, value.getBytes(StandardCharsets.UTF_8));
                      acknowledged.put(name, value);
                      count.incrementAndGet();
                    }
                    return null;
                  }));
        }
        awaitMore(count, 30);
        cluster.peer("p1").rotateDataKey();
        awaitMore(count, 30);
        newKek = KeyEncryptionKey.generate(cluster.random);
        cluster.peer("p2").rotateKeyEncryptionKey(newKek);
        awaitMore(count, 30);
        cluster.peer("p0").rotateDataKey();
        awaitMore(count, 30);
        stop.set(true);
        for (Future<?> f : running) {
          f.get(2, TimeUnit.MINUTES);
        }
      } finally {
        stop.set(true);
        writers.shutdownNow();
      }
      assertThat(cluster.peer("p0").stateMachine().keys().keyring().ids()).hasSize(3);
      for (String id : cluster.ids()) {
        assertThat(cluster.peer(id).stateMachine().keys().currentKek().id()).isEqualTo(newKek.id());
      }

      for (String id : cluster.ids()) {
        cluster.stopPeer(id);
      }
      KeyEncryptionKey oldKek = cluster.kek;
      RaftSecretStore refused = cluster.lockedPeer("p0");
      assertThatThrownBy(() -> refused.unlock(oldKek)).isInstanceOf(WrongKeyException.class);
      cluster.stopPeer("p0");

      cluster.kek = newKek;
      cluster.ids().parallelStream().forEach(cluster::startPeer);
      cluster.awaitLeader();
      RaftSecretStore store = cluster.peer("p1");
      assertThat(acknowledged).hasSizeGreaterThan(100);
      for (Map.Entry<String, String> e : acknowledged.entrySet()) {
        try (SecretVersion v = store.readLatestSecretVersion("ns", e.getKey()).orElseThrow()) {
          assertThat(v.value().contentEquals(e.getValue().getBytes(StandardCharsets.UTF_8)))
              .isTrue();
        }
      }
    }
  }

  private static void awaitMore(AtomicInteger count, int more) {
    int target = count.get() + more;
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count.get() >= target);
  }
}
