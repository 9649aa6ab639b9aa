package dev.strongroom.store;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.server.RaftServer;

/**
 * Linearizable reads handed to this process's own Raft peer, without the client's gRPC round trip
 * to a peer that may well be this one. The leader answers once it has confirmed its leadership (the
 * read index); a follower asks the leader for the read index and answers once it has applied that
 * far, so every replica serves its own reads. A peer that cannot answer (no leader known yet, a
 * snapshot being installed, not running, too far behind to answer within {@code budget}) gives
 * empty, and the caller goes through the client, which asks the leader.
 */
final class LocalReads {
  private final RaftServer server;
  private final RaftGroupId group;
  private final Duration budget;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();

  LocalReads(RaftServer server, RaftGroupId group, Duration budget) {
    this.server = server;
    this.group = group;
    this.budget = budget;
  }

  /**
   * The local peer's reply to {@code query}: a success, or the state machine's refusal of the
   * query; empty when the peer could not serve the read at all.
   */
  Optional<RaftClientReply> read(Message query) {
    RaftClientRequest request =
        RaftClientRequest.newBuilder()
            .setClientId(clientId)
            .setServerId(server.getId())
            .setGroupId(group)
            .setCallId(callIds.incrementAndGet())
            .setMessage(query)
            .setType(RaftClientRequest.readRequestType())
            .setTimeoutMs(budget.toMillis())
            .build();
    RaftClientReply reply;
    try {
      reply =
          server.submitClientRequestAsync(request).get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IOException | ExecutionException | TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while reading", e);
    }
    if (reply.isSuccess() || reply.getException() instanceof StateMachineException) {
      return Optional.of(reply);
    }
    return Optional.empty();
  }
}
