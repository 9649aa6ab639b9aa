package dev.strongroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.ratis.util.MD5FileUtil;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tampered or truncated log segments and snapshots are refused with a typed error. */
class StoreTamperTest {
  @TempDir Path dir;

  /** Writes a few secrets on a single peer and stops it; returns its data directory. */
  private Path writeAndStop(TestingCluster cluster, int count) {
    RaftSecretStore store = cluster.peer("p0");
    for (int i = 0; i < count; i++) {
      store.putSecretVersion("ns", "s" + i, ("value" + i).getBytes(StandardCharsets.UTF_8));
    }
    cluster.stopPeer("p0");
    return cluster.dataDir("p0");
  }

  @Test
  void aTamperedEntryWithARepairedChecksumHaltsTheStore() throws Exception {
    try (TestingCluster cluster = TestingCluster.start(dir, 1, StoreTuning.forTests())) {
      Path data = writeAndStop(cluster, 5);
      Path segment = only(TestingCluster.files(data, "log_"));
      flipInLastDataEntry(segment, true);
      // The peer snapshots when it stops; without the snapshot it must replay the tampered log.
      for (Path snapshot : TestingCluster.files(data, "snapshot.")) {
        Files.delete(snapshot);
      }

      // Replay may reach the entry during unlock (refused there) or just after (reads refused).
      RaftSecretStore store = cluster.lockedPeer("p0");
      try {
        store.unlock(cluster.kek);
        assertThatThrownBy(() -> store.readLatestSecretVersion("ns", "s0"))
            .isInstanceOf(StoreCorruptedException.class)
            .hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> store.putSecretVersion("ns", "s9", new byte[] {1}))
            .isInstanceOf(StoreCorruptedException.class);
      } catch (StoreCorruptedException refusedAtUnlock) {
        assertThat(refusedAtUnlock).hasMessageContaining("failed authentication");
        assertThat(store.isLocked()).isTrue();
      }
    }
  }

  @Test
  void aTamperedSegmentIsRefusedAtStart() throws Exception {
    try (TestingCluster cluster = TestingCluster.start(dir, 1, StoreTuning.forTests())) {
      Path data = writeAndStop(cluster, 5);
      flipInLastDataEntry(only(TestingCluster.files(data, "log_")), false);

      RaftSecretStore store = cluster.lockedPeer("p0");
      assertThatThrownBy(() -> store.unlock(cluster.kek))
          .isInstanceOf(StoreCorruptedException.class);
      assertThat(store.isLocked()).isTrue();
    }
  }

  @Test
  void aTamperedOrTruncatedSnapshotIsRefusedAtStart() throws Exception {
    try (TestingCluster cluster = TestingCluster.start(dir, 1, StoreTuning.forTests())) {
      RaftSecretStore first = cluster.peer("p0");
      for (int i = 0; i < 80; i++) {
        first.putSecretVersion("ns", "s" + i, new byte[] {(byte) i});
      }
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !TestingCluster.files(cluster.dataDir("p0"), "snapshot.").isEmpty());
      cluster.stopPeer("p0");
      Path snapshot =
          TestingCluster.files(cluster.dataDir("p0"), "snapshot.").stream()
              .filter(p -> !p.toString().endsWith(".md5"))
              .reduce((a, b) -> b)
              .orElseThrow();
      byte[] good = Files.readAllBytes(snapshot);

      byte[] bad = good.clone();
      bad[bad.length / 2] ^= 0x01;
      Files.write(snapshot, bad);
      MD5FileUtil.computeAndSaveMd5ForFile(snapshot.toFile());
      RaftSecretStore tampered = cluster.lockedPeer("p0");
      assertThatThrownBy(() -> tampered.unlock(cluster.kek))
          .isInstanceOf(StoreCorruptedException.class);
      cluster.stopPeer("p0");

      Files.write(snapshot, java.util.Arrays.copyOf(good, good.length - 10));
      MD5FileUtil.computeAndSaveMd5ForFile(snapshot.toFile());
      RaftSecretStore truncated = cluster.lockedPeer("p0");
      assertThatThrownBy(() -> truncated.unlock(cluster.kek))
          .isInstanceOf(StoreCorruptedException.class);
      cluster.stopPeer("p0");

      Files.write(snapshot, good);
      MD5FileUtil.computeAndSaveMd5ForFile(snapshot.toFile());
      RaftSecretStore restored = cluster.startPeer("p0");
      assertThat(restored.listSecrets("ns")).hasSize(80);
    }
  }

  /**
   * Flips one ciphertext bit of the last encrypted entry in a Ratis segment (format: "RaftLog1",
   * then per entry a varint length, the entry, a CRC32C); optionally repairs the checksum so only
   * the store's own authentication can notice.
   */
  private static void flipInLastDataEntry(Path segment, boolean repairChecksum) throws IOException {
    byte[] bytes = Files.readAllBytes(segment);
    int pos = 8;
    int lastStart = -1;
    int lastLength = 0;
    while (pos < bytes.length) {
      int length = 0;
      int shift = 0;
      int start = pos;
      while (true) {
        int b = bytes[pos++] & 0xff;
        length |= (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          break;
        }
        shift += 7;
      }
      if (length == 0) {
        break;
      }
      int total = pos - start + length;
      if (indexOfDataHeader(bytes, start, total) >= 0) {
        lastStart = start;
        lastLength = total;
      }
      pos = start + total + 4;
    }
    assertThat(lastStart).as("an encrypted entry in " + segment.getFileName()).isPositive();
    int header = indexOfDataHeader(bytes, lastStart, lastLength);
    bytes[header + Envelope.DATA_HEADER + 20] ^= 0x01;
    if (repairChecksum) {
      CRC32C crc = new CRC32C();
      crc.update(bytes, lastStart, lastLength);
      ByteBuffer.wrap(bytes, lastStart + lastLength, 4).putInt((int) crc.getValue());
    }
    Files.write(segment, bytes);
  }

  private static int indexOfDataHeader(byte[] bytes, int from, int length) {
    for (int i = from; i + Envelope.DATA_HEADER + 40 < from + length; i++) {
      if (bytes[i] == Envelope.VERSION
          && bytes[i + 1] == Envelope.DATA
          && bytes[i + 2] == 0
          && bytes[i + 3] == 0
          && bytes[i + 4] == 0
          && bytes[i + 5] == 1) {
        return i;
      }
    }
    return -1;
  }

  private static Path only(List<Path> paths) {
    assertThat(paths).hasSize(1);
    return paths.get(0);
  }
}
