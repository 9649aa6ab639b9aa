package dev.strongroom.e2e.support;

import dev.strongroom.OperatorConfig;
import dev.strongroom.OperatorProcess;
import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.reconcile.AgentSettings;
import dev.strongroom.store.PeerAddress;
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
import java.util.List;

/**
 * The operator, in-process, on the test cluster: one Raft peer in its own data directory, with a
 * key-encryption key file. {@link #restart()} keeps the data directory, as a pod restart would.
 */
public final class RunningOperator implements AutoCloseable {
  public static final String NAMESPACE = "strongroom-system";
  public static final String AGENT_IMAGE = "strongroom:test";

  private final KubernetesClient client;
  private final Path dataDir;
  private final Path keyFile;
  private final int raftPort;
  private OperatorProcess process;

  private RunningOperator(KubernetesClient client, Path dir) throws IOException {
    this.client = client;
    this.dataDir = dir.resolve("data");
    this.keyFile = dir.resolve("kek");
    this.raftPort = freePort();
    Files.createDirectories(dataDir);
    try (KeyEncryptionKey kek = KeyEncryptionKey.generate(new SecureRandom())) {
      Files.write(keyFile, kek.exportBytes());
    }
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
  }

  /** Starts an operator whose state lives under {@code dir}. */
  public static RunningOperator start(KubernetesClient client, Path dir) {
    try {
      if (client.namespaces().withName(NAMESPACE).get() == null) {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
            .create();
      }
      RunningOperator operator = new RunningOperator(client, dir);
      operator.process = operator.launch();
      return operator;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops and starts again on the same data directory and key. */
  public void restart() {
    process.close();
    try {
      process = launch();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  private OperatorProcess launch() throws IOException {
    OperatorConfig config =
        new OperatorConfig(
            NAMESPACE,
            dataDir,
            keyFile,
            "s0",
            List.of(new PeerAddress("s0", "127.0.0.1", raftPort)),
            null,
            0,
            0,
            new AgentSettings(AGENT_IMAGE, "IfNotPresent", "https://strongroom-delivery.test"));
    return OperatorProcess.start(config, client, Clock.systemUTC(), new SecureRandom());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
