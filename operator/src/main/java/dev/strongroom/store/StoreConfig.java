package dev.strongroom.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * How one peer runs: who it is, its peers, where its data lives, how peers authenticate each other,
 * and its clock and randomness (passed in so tests are deterministic).
 *
 * @param peerTls mutual-TLS files; required when more than one peer runs, unless {@code
 *     insecurePeers} (benchmarks of the TLS-less Netty transport only)
 * @param encrypted false only for the benchmark's unencrypted baseline
 */
public record StoreConfig(
    String selfId,
    List<PeerAddress> peers,
    Path dataDir,
    PeerTlsFiles peerTls,
    boolean insecurePeers,
    boolean encrypted,
    Transport transport,
    StoreTuning tuning,
    Clock clock,
    SecureRandom random) {

  /** The Raft transport; gRPC is the only one with mutual TLS in Ratis 3.3. */
  public enum Transport {
    GRPC,
    NETTY
  }

  public StoreConfig {
    peers = List.copyOf(peers);
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(tuning, "tuning");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    if (peers.stream().noneMatch(p -> p.id().equals(selfId))) {
      throw new IllegalArgumentException("peer '" + selfId + "' is not among the peers");
    }
    if (peers.size() > 1 && peerTls == null && !insecurePeers) {
      throw new IllegalArgumentException(
          "more than one peer needs mutual TLS: give the peer certificate, key and CA files");
    }
    if (peerTls != null && transport == Transport.NETTY) {
      throw new IllegalArgumentException("Ratis' Netty transport has no TLS; use gRPC");
    }
  }

  /** The single embedded peer: no peer traffic, so no TLS. */
  public static StoreConfig embedded(Path dataDir, int port, Clock clock, SecureRandom random) {
    return new StoreConfig(
        "s0",
        List.of(new PeerAddress("s0", "127.0.0.1", port)),
        dataDir,
        null,
        false,
        true,
        Transport.GRPC,
        StoreTuning.defaults(),
        clock,
        random);
  }

  PeerAddress self() {
    return peers.stream().filter(p -> p.id().equals(selfId)).findFirst().orElseThrow();
  }
}
