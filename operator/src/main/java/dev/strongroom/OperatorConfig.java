package dev.strongroom;

import dev.strongroom.reconcile.AgentSettings;
import dev.strongroom.store.PeerAddress;
import dev.strongroom.store.PeerTlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The operator's configuration, parsed once from flags and environment by {@code strongroom
 * operator}.
 *
 * @param namespace where the operator's own objects live (ConfigMaps, leases)
 * @param peerTls mutual-TLS files for peer traffic; required with more than one peer
 * @param leaderElection whether replicas elect one reconciler through a Lease
 * @param revisionSweepInterval how often the reconciling replica forgets deleted services' grant
 *     revisions
 */
public record OperatorConfig(
    String namespace,
    Path dataDir,
    Path keyFile,
    String id,
    List<PeerAddress> peers,
    PeerTlsFiles peerTls,
    int metricsPort,
    int deliveryPort,
    boolean leaderElection,
    AgentSettings agent,
    Duration revisionSweepInterval) {
  public OperatorConfig {
    peers = List.copyOf(peers);
  }
}
