package dev.strongroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills the leader repeatedly under concurrent writes and reads; nothing acknowledged is lost. */
class LeaderFailoverTest {
  private static final List<String> KEYS = List.of("k0", "k1", "k2", "k3");
  @TempDir Path dir;

  @Test
  void killingTheLeaderLosesNoAcknowledgedWriteAndHistoriesAreLinearizable() throws Exception {
    History history = new History();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger acknowledged = new AtomicInteger();
    try (TestingCluster cluster = TestingCluster.start(dir, 3, StoreTuning.forTests())) {
      ExecutorService clients = Executors.newFixedThreadPool(6);
      try {
        List<Future<?>> running = new java.util.ArrayList<>();
        for (int c = 0; c < 6; c++) {
          int client = c;
          running.add(
              clients.submit(() -> runClient(cluster, client, history, stop, acknowledged)));
        }
        for (int kill = 0; kill < 3; kill++) {
          int before = acknowledged.get();
          Awaitility.await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> acknowledged.get() >= before + 20);
          String leader = cluster.awaitLeader();
          cluster.stopPeer(leader);
          String next = cluster.awaitLeader();
          assertThat(next).isNotEqualTo(leader);
          int during = acknowledged.get();
          Awaitility.await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> acknowledged.get() >= during + 20);
          cluster.startPeer(leader);
        }
        stop.set(true);
        for (Future<?> f : running) {
          f.get(2, TimeUnit.MINUTES);
        }
      } finally {
        stop.set(true);
        clients.shutdownNow();
      }

      long committed = cluster.peer(cluster.awaitLeader()).stateMachine().lastAppliedIndex();
      Map<String, Map<Long, String>> first = null;
      for (String id : cluster.ids()) {
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> cluster.peer(id).stateMachine().lastAppliedIndex() >= committed);
        Map<String, Map<Long, String>> state = localState(cluster.peer(id));
        List<String> problems = history.violations(state);
        assertThat(problems).as("violations on " + id).isEmpty();
        if (first == null) {
          first = state;
        } else {
          assertThat(state).as("the state on " + id).isEqualTo(first);
        }
      }
      assertThat(history.acknowledgedWrites()).hasSizeGreaterThan(100);
    }
  }

  private static void runClient(
      TestingCluster cluster,
      int client,
      History history,
      AtomicBoolean stop,
      AtomicInteger acknowledged) {
    Random random = new Random(client);
    int seq = 0;
    while (!stop.get()) {
      List<RaftSecretStore> peers = cluster.running();
      if (peers.isEmpty()) {
        continue;
      }
      RaftSecretStore store = peers.get(random.nextInt(peers.size()));
      String key = KEYS.get(random.nextInt(KEYS.size()));
      long start = System.nanoTime();
      if (random.nextInt(3) > 0) {
        String value = "c" + client + "-" + seq++;
        long version = -1;
        try {
          version = store.putSecretVersion("ns", key, value.getBytes(StandardCharsets.UTF_8));
          acknowledged.incrementAndGet();
        } catch (StoreException e) {
          // Ambiguous: the write may or may not have been applied; the checker allows both.
        }
        history.add(new History.Op(true, key, value, version, start, System.nanoTime()));
      } else {
        try {
          Optional<SecretVersion> read = store.readLatestSecretVersion("ns", key);
          long version = read.map(SecretVersion::version).orElse(0L);
          String value =
              read.map(v -> new String(v.value().bytes(), StandardCharsets.UTF_8)).orElse("");
          history.add(new History.Op(false, key, value, version, start, System.nanoTime()));
        } catch (StoreException e) {
          // A failed read tells nothing.
        }
      }
    }
  }

  /** Every version of every key as this peer's own state machine holds it (a local read). */
  static Map<String, Map<Long, String>> localState(RaftSecretStore peer) throws Exception {
    Map<String, Map<Long, String>> state = new HashMap<>();
    for (String key : KEYS) {
      Map<Long, String> versions = new TreeMap<>();
      byte[] list =
          peer.stateMachine()
              .query(
                  org.apache.ratis.protocol.Message.valueOf(
                      org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(
                          QueryCodec.encode(new Query.ListSecrets("ns")))))
              .get()
              .getContent()
              .toByteArray();
      for (SecretMetadata m : QueryCodec.readList(list)) {
        if (!m.name().equals(key)) {
          continue;
        }
        for (long v : m.versions()) {
          byte[] reply =
              peer.stateMachine()
                  .query(
                      org.apache.ratis.protocol.Message.valueOf(
                          org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(
                              QueryCodec.encode(new Query.ReadSecret("ns", key, v)))))
                  .get()
                  .getContent()
                  .toByteArray();
          try (SecretVersion sv = QueryCodec.readSecret(reply).orElseThrow()) {
            versions.put(v, new String(sv.value().bytes(), StandardCharsets.UTF_8));
          }
        }
      }
      state.put(key, versions);
    }
    return state;
  }
}
