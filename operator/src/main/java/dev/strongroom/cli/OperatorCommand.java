package dev.strongroom.cli;

import dev.strongroom.OperatorClient;
import dev.strongroom.OperatorConfig;
import dev.strongroom.OperatorProcess;
import dev.strongroom.reconcile.AgentSettings;
import dev.strongroom.store.PeerAddress;
import dev.strongroom.store.PeerTlsFiles;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `strongroom operator`: runs the controller with the embedded encrypted Raft store. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description =
        "Run the controller with the embedded encrypted Raft store. Every flag can also be set"
            + " through the environment variable shown in its default.")
final class OperatorCommand implements Callable<Integer> {
  @Option(
      names = "--namespace",
      defaultValue = "${env:STRONGROOM_NAMESPACE:-strongroom-system}",
      description = "Where the operator's own objects live (STRONGROOM_NAMESPACE).")
  String namespace;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:STRONGROOM_DATA_DIR:-/var/lib/strongroom}",
      description = "The store's directory (STRONGROOM_DATA_DIR).")
  Path dataDir;

  @Option(
      names = "--key-file",
      defaultValue = "${env:STRONGROOM_KEY_FILE:-/etc/strongroom/kek/key}",
      description = "The key-encryption key (STRONGROOM_KEY_FILE).")
  Path keyFile;

  @Option(
      names = "--id",
      defaultValue = "${env:STRONGROOM_ID:-s0}",
      description = "This replica's peer id (STRONGROOM_ID).")
  String id;

  @Option(
      names = "--peers",
      defaultValue = "${env:STRONGROOM_PEERS:-s0=127.0.0.1:7480}",
      description = "All peers as id=host:port,... (STRONGROOM_PEERS).")
  String peers;

  @Option(
      names = "--peer-cert",
      defaultValue = "${env:STRONGROOM_PEER_CERT}",
      description = "This peer's TLS certificate, with several peers (STRONGROOM_PEER_CERT).")
  Path peerCert;

  @Option(
      names = "--peer-key",
      defaultValue = "${env:STRONGROOM_PEER_KEY}",
      description = "This peer's TLS private key (STRONGROOM_PEER_KEY).")
  Path peerKey;

  @Option(
      names = "--peer-ca",
      defaultValue = "${env:STRONGROOM_PEER_CA}",
      description = "The CA that signs peer certificates (STRONGROOM_PEER_CA).")
  Path peerCa;

  @Option(
      names = "--metrics-port",
      defaultValue = "${env:STRONGROOM_METRICS_PORT:-9090}",
      description = "Port of /metrics, /healthz and /readyz (STRONGROOM_METRICS_PORT).")
  int metricsPort;

  @Option(
      names = "--delivery-port",
      defaultValue = "${env:STRONGROOM_DELIVERY_PORT:-8443}",
      description = "Port of the HTTPS delivery endpoint (STRONGROOM_DELIVERY_PORT).")
  int deliveryPort;

  @Option(
      names = "--agent-image",
      defaultValue = "${env:STRONGROOM_AGENT_IMAGE:-strongroom:0.1.0}",
      description = "The image rendered pods run the agent from (STRONGROOM_AGENT_IMAGE).")
  String agentImage;

  @Option(
      names = "--delivery-url",
      defaultValue = "${env:STRONGROOM_DELIVERY_URL}",
      description =
          "The URL agents fetch from (STRONGROOM_DELIVERY_URL); default: the delivery Service in"
              + " --namespace.")
  String deliveryUrl;

  @Option(
      names = "--leader-election",
      negatable = true,
      defaultValue = "${env:STRONGROOM_LEADER_ELECTION:-true}",
      description =
          "Elect one reconciling replica through a Lease (STRONGROOM_LEADER_ELECTION); every"
              + " replica serves the store either way.")
  boolean leaderElection;

  @Option(
      names = "--revision-sweep-interval",
      defaultValue = "${env:STRONGROOM_REVISION_SWEEP_INTERVAL:-10m}",
      converter = WholeDuration.class,
      description =
          "How often the reconciling replica forgets the grant revisions of deleted SwarmServices:"
              + " 30s, 10m, 1h (STRONGROOM_REVISION_SWEEP_INTERVAL).")
  Duration revisionSweepInterval;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(keyFile)) {
      throw new UserError(
          "key file "
              + keyFile
              + " is not readable; mount the key-encryption key Secret there or set --key-file");
    }
    PeerTlsFiles tls = peerCert == null ? null : new PeerTlsFiles(peerCert, peerKey, peerCa);
    String url =
        deliveryUrl != null
            ? deliveryUrl
            : "https://strongroom-delivery." + namespace + ".svc:" + deliveryPort;
    OperatorConfig config =
        new OperatorConfig(
            namespace,
            dataDir,
            keyFile,
            id,
            List.copyOf(PeerAddress.parseAll(peers)),
            tls,
            metricsPort,
            deliveryPort,
            leaderElection,
            new AgentSettings(agentImage, "IfNotPresent", url),
            revisionSweepInterval);
    KubernetesClient client = OperatorClient.create();
    OperatorProcess process;
    try {
      process = OperatorProcess.start(config, client, Clock.systemUTC(), new SecureRandom());
    } catch (RuntimeException | java.io.IOException e) {
      client.close();
      throw e;
    }
    // SIGTERM (a pod's end) stops reconciling, then closes the store cleanly.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  process.close();
                  client.close();
                },
                "strongroom-shutdown"));
    Thread.currentThread().join();
    return 0;
  }
}
