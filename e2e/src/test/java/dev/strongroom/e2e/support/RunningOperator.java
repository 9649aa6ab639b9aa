package dev.strongroom.e2e.support;

import dev.strongroom.OperatorConfig;
import dev.strongroom.OperatorProcess;
import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.PeerCertificates;
import dev.strongroom.reconcile.AgentSettings;
import dev.strongroom.store.PeerAddress;
import dev.strongroom.store.PeerTlsFiles;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The operator, in-process, on the test cluster: one Raft peer with its own data directory and
 * key-encryption key. {@link #restart()} keeps the data directory, as a pod restart would. Several
 * replicas run as processes instead ({@link OperatorReplicaProcess}), since a replica that loses
 * its lease ends its JVM.
 */
public final class RunningOperator implements AutoCloseable {
  public static final String NAMESPACE = "strongroom-system";
  public static final String AGENT_IMAGE = "strongroom:test";

  private final KubernetesClient client;
  private final OperatorConfig config;
  private OperatorProcess process;

  private RunningOperator(KubernetesClient client, OperatorConfig config) {
    this.client = client;
    this.config = config;
  }

  /** One operator whose state lives under {@code dir}. */
  public static RunningOperator start(KubernetesClient client, Path dir) {
    return startReplicas(client, dir, 1).get(0);
  }

  /** {@code count} replicas forming one store; they start together, as a majority must. */
  public static List<RunningOperator> startReplicas(KubernetesClient client, Path dir, int count) {
    try {
      ensureNamespace(client);
      Path keyFile = dir.resolve("kek");
      try (KeyEncryptionKey kek = KeyEncryptionKey.generate(new SecureRandom())) {
        Files.write(keyFile, kek.exportBytes());
      }
      Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
      List<PeerAddress> peers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        peers.add(new PeerAddress("s" + i, "127.0.0.1", freePort()));
      }
      PeerTlsFiles tls = count == 1 ? null : peerTls(dir);
      List<RunningOperator> replicas = new ArrayList<>();
      for (PeerAddress peer : peers) {
        Path data = dir.resolve(peer.id());
        Files.createDirectories(data);
        replicas.add(
            new RunningOperator(
                client,
                new OperatorConfig(
                    NAMESPACE,
                    data,
                    keyFile,
                    peer.id(),
                    peers,
                    tls,
                    0,
                    0,
                    count > 1,
                    new AgentSettings(
                        AGENT_IMAGE, "IfNotPresent", "https://strongroom-delivery.test"))));
      }
      CompletableFuture.allOf(
              replicas.stream()
                  .map(r -> CompletableFuture.runAsync(r::launch))
                  .toArray(CompletableFuture[]::new))
          .join();
      return replicas;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops and starts again on the same data directory and key. */
  public void restart() {
    process.close();
    launch();
  }

  public String id() {
    return config.id();
  }

  /** The port of /metrics, /healthz and /readyz. */
  public int healthPort() {
    return process.healthPort();
  }

  /** The port of the HTTPS delivery endpoint, on loopback. */
  public int deliveryPort() {
    return process.deliveryPort();
  }

  /** The delivery CA bundle (PEM) agents trust. */
  public String deliveryCaBundle() {
    return process.deliveryCaBundle();
  }

  private void launch() {
    try {
      process = OperatorProcess.start(config, client, Clock.systemUTC(), new SecureRandom());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PeerTlsFiles peerTls(Path dir) throws IOException {
    PeerCertificates.Files files =
        PeerCertificates.issue(
            dir.resolve("peer-tls"),
            List.of("127.0.0.1", "localhost"),
            "strongroom-test",
            Duration.ofDays(1),
            Clock.systemUTC(),
            new SecureRandom());
    return new PeerTlsFiles(files.certificate(), files.privateKey(), files.trustedCa());
  }

  private static void ensureNamespace(KubernetesClient client) {
    if (client.namespaces().withName(NAMESPACE).get() == null) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
      process = null;
    }
  }
}
