package dev.strongroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local reads on a real three-peer cluster: every peer, leader or follower, answers from its own
 * state machine once it has the read index; a peer cut off from the majority answers nothing (never
 * a stale value), and the store's read through it fails rather than serving one.
 */
class LocalReadsTest {
  private static final Duration BUDGET = Duration.ofSeconds(2);

  @TempDir Path dir;

  @Test
  void everyPeerAnswersLocallyAndAPeerWithoutAMajorityAnswersNothing() throws Exception {
    try (TestingCluster cluster = TestingCluster.start(dir, 3, StoreTuning.forTests())) {
      byte[] value = "local".getBytes(StandardCharsets.UTF_8);
      assertThat(cluster.peer("p1").putSecretVersion("shop", "db", value)).isEqualTo(1);
      Message query = query("shop", "db");
      for (String id : cluster.ids()) {
        // Once it knows the leader and has applied the write (a follower that has not yet may
        // rightly answer nothing, and the store then reads through the client).
        LocalReads local = localReads(cluster, id);
        Optional<RaftClientReply> reply =
            Awaitility.await("peer " + id + " answers by itself")
                .atMost(Duration.ofSeconds(60))
                .until(() -> local.read(query), Optional::isPresent);
        try (SecretVersion read =
            QueryCodec.readSecret(reply.get().getMessage().getContent().toByteArray())
                .orElseThrow()) {
          assertThat(read.value().contentEquals(value)).isTrue();
        }
      }

      String alone = cluster.awaitLeader();
      List<String> others = cluster.ids().stream().filter(id -> !id.equals(alone)).toList();
      others.forEach(cluster::stopPeer);
      // The former leader cannot confirm its leadership (the read index) without a majority.
      LocalReads cutOff = localReads(cluster, alone);
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> cutOff.read(query).isEmpty());
      assertThatThrownBy(() -> cluster.peer(alone).readLatestSecretVersion("shop", "db"))
          .isInstanceOf(StoreException.class);

      cluster.startPeer(others.get(0));
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> cutOff.read(query).isPresent());
      try (SecretVersion read =
          cluster.peer(alone).readLatestSecretVersion("shop", "db").orElseThrow()) {
        assertThat(read.value().contentEquals(value)).isTrue();
      }
    }
  }

  private static LocalReads localReads(TestingCluster cluster, String id) throws Exception {
    RaftSecretStore store = cluster.peer(id);
    RaftGroupId group = store.server().getGroupIds().iterator().next();
    return new LocalReads(store.server(), group, BUDGET);
  }

  private static Message query(String namespace, String name) {
    return Message.valueOf(
        ByteString.copyFrom(QueryCodec.encode(new Query.ReadSecret(namespace, name, 0))));
  }
}
