package dev.strongroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.crypto.DataKey;
import dev.strongroom.crypto.KeyEncryptionKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts, wiped followers and what reaches the disk. */
class StoreDurabilityTest {
  @TempDir Path dir;

  @Test
  void stoppingAndRestartingEveryPeerBringsEverythingBack() throws Exception {
    try (TestingCluster cluster = TestingCluster.start(dir, 3, StoreTuning.forTests())) {
      RaftSecretStore store = cluster.peer("p1");
      for (int i = 0; i < 100; i++) {
        store.putSecretVersion("ns", "s" + (i % 10), ("v" + i).getBytes(StandardCharsets.UTF_8));
      }
      store.recordGrantRevision("ns", "svc", List.of(new Grant("s1", 10, "s1", "0", "0", 0400)));
      store.putKeyMaterial("delivery-ca", new byte[] {4, 2});
      store.rotateDataKey();
      store.putSecretVersion("ns", "after-rotation", new byte[] {1});

      for (String id : cluster.ids()) {
        cluster.stopPeer(id);
      }
      cluster.ids().parallelStream().forEach(cluster::startPeer);
      cluster.awaitLeader();

      for (String id : cluster.ids()) {
        RaftSecretStore peer = cluster.peer(id);
        assertThat(peer.listSecrets("ns")).hasSize(11);
        try (SecretVersion v = peer.readLatestSecretVersion("ns", "s9").orElseThrow()) {
          assertThat(v.version()).isEqualTo(10);
          assertThat(v.value().contentEquals("v99".getBytes(StandardCharsets.UTF_8))).isTrue();
        }
        assertThat(peer.readLatestGrantRevision("ns", "svc").orElseThrow().revision()).isEqualTo(1);
        assertThat(peer.readKeyMaterial("delivery-ca")).isPresent();
      }
    }
  }

  @Test
  void aRestartedSinglePeerAnswersItsFirstReadWithEveryAcknowledgedWrite() throws Exception {
    try (TestingCluster cluster = TestingCluster.start(dir, 1, StoreTuning.forTests())) {
      RaftSecretStore store = cluster.peer("p0");
      for (int i = 0; i < 40; i++) {
        store.putSecretVersion("ns", "s" + i, new byte[] {(byte) i});
      }
      cluster.stopPeer("p0");
      // Without the snapshot taken at stop, the state comes back only by replaying the log, and
      // the commit index the peer recovers says nothing about how much of it was committed.
      for (Path snapshot : TestingCluster.files(cluster.dataDir("p0"), "snapshot.")) {
        Files.delete(snapshot);
      }

      // Ratis answers a one-peer group's read index at once, even before the new leader has
      // committed in its term: unlock returns only once it has (the whole log committed with it).
      RaftSecretStore restarted = cluster.startPeer("p0");
      assertThat(restarted.server().getDivision(groupOf(restarted)).getInfo().isLeaderReady())
          .isTrue();
      assertThat(restarted.listSecrets("ns")).hasSize(40);
    }
  }

  @Test
  void aWipedFollowerRejoinsThroughASnapshot() throws Exception {
    try (TestingCluster cluster =
        TestingCluster.start(dir, 3, StoreTuning.forTests().withSnapshots(64, 8, 32 << 10))) {
      String leader = cluster.awaitLeader();
      String follower = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().get();
      RaftSecretStore store = cluster.peer(leader);
      for (int i = 0; i < 150; i++) {
        store.putSecretVersion("ns", "s" + (i % 7), value(i));
      }
      cluster.wipePeer(follower);
      for (int i = 150; i < 300; i++) {
        store.putSecretVersion("ns", "s" + (i % 7), value(i));
      }
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> store.server().getDivision(groupOf(store)).getRaftLog().getStartIndex() > 0);

      RaftSecretStore rejoined = cluster.startPeer(follower);
      long applied = store.stateMachine().lastAppliedIndex();
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> rejoined.stateMachine().lastAppliedIndex() >= applied);

      assertThat(rejoined.stateMachine().installedSnapshotIndex())
          .as("the follower installed the leader's snapshot")
          .isPositive();
      assertThat(LeaderFailoverTest.localState(rejoined))
          .isEqualTo(LeaderFailoverTest.localState(store));
    }
  }

  @Test
  void dataDirectoriesHoldNoValueNameNamespaceOrKey() throws Exception {
    List<byte[]> needles = new ArrayList<>();
    try (TestingCluster cluster = TestingCluster.start(dir, 3, StoreTuning.forTests())) {
      RaftSecretStore store = cluster.peer("p0");
      for (int i = 0; i < 120; i++) {
        String namespace = "nsmarker" + (i % 3) + "q";
        String name = "namemarker" + i + "z";
        String value = "valuemarker" + i + "x";
        needles.add(namespace.getBytes(StandardCharsets.UTF_8));
        needles.add(name.getBytes(StandardCharsets.UTF_8));
        needles.add(value.getBytes(StandardCharsets.UTF_8));
        store.putSecretVersion(namespace, name, value.getBytes(StandardCharsets.UTF_8));
        if (i == 40) {
          store.rotateDataKey();
        }
        if (i == 80) {
          KeyEncryptionKey next = KeyEncryptionKey.generate(cluster.random);
          store.rotateKeyEncryptionKey(next);
          needles.add(next.exportBytes());
        }
      }
      store.recordGrantRevision(
          "nsmarker0q",
          "servicemarker",
          List.of(new Grant("namemarker0z", 1, "targetmarker", "0", "0", 0400)));
      needles.add("servicemarker".getBytes(StandardCharsets.UTF_8));
      needles.add("targetmarker".getBytes(StandardCharsets.UTF_8));
      store.putKeyMaterial("keymaterialmarker", "blobmarker".getBytes(StandardCharsets.UTF_8));
      needles.add("keymaterialmarker".getBytes(StandardCharsets.UTF_8));
      needles.add("blobmarker".getBytes(StandardCharsets.UTF_8));
      needles.add(cluster.kek.exportBytes());
      for (DataKey key : store.stateMachine().keys().keyring().keys()) {
        needles.add(key.bytes().clone());
      }
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> countSnapshots(dir) >= 3);
    }
    List<Path> files = filesUnder(dir);
    assertThat(files).hasSizeGreaterThan(10);
    int hits = 0;
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      for (byte[] needle : needles) {
        if (indexOf(bytes, needle) >= 0) {
          hits++;
          // Name the file, never the needle: it may be a value or a key.
          System.err.println("plaintext found in " + dir.relativize(file));
        }
      }
    }
    assertThat(hits).as("plaintext occurrences under the data directories").isZero();
  }

  /** A 1 KiB value, so the log spans several small segments and old ones get purged. */
  private static byte[] value(int i) {
    byte[] v = new byte[1024];
    java.util.Arrays.fill(v, (byte) i);
    return v;
  }

  static org.apache.ratis.protocol.RaftGroupId groupOf(RaftSecretStore store) throws IOException {
    return store.server().getGroupIds().iterator().next();
  }

  private static long countSnapshots(Path root) throws IOException {
    return filesUnder(root).stream()
        .filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
        .count();
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(root.resolve("tls")))
          .toList();
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
