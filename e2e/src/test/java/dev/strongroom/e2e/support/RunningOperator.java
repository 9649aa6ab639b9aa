package dev.strongroom.e2e.support;

import dev.strongroom.OperatorClient;
import dev.strongroom.OperatorConfig;
import dev.strongroom.OperatorProcess;
import dev.strongroom.reconcile.AgentSettings;
import dev.strongroom.store.PeerAddress;
import dev.strongroom.store.SecretStore;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The operator, in-process, on the test cluster: one Raft peer with its own data directory and
 * key-encryption key. {@link #restart()} keeps the data directory, as a pod restart would. Several
 * replicas run as processes instead ({@link OperatorReplicaProcess}), since a replica that loses
 * its lease ends its JVM.
 */
public final class RunningOperator implements AutoCloseable {
  public static final String NAMESPACE = "strongroom-system";
  public static final String AGENT_IMAGE = "strongroom:test";

  /** How often deleted services' grant revisions are forgotten here (10 minutes by default). */
  public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final OperatorConfig config;
  private OperatorProcess process;

  private RunningOperator(KubernetesClient client, OperatorConfig config) {
    this.client = client;
    this.config = config;
  }

  /**
   * Starts an operator whose state lives under {@code dir}, on its own client for the cluster that
   * {@code client} talks to, built as {@code strongroom operator} builds its own.
   */
  public static RunningOperator start(KubernetesClient client, Path dir) {
    OperatorConfig config;
    try {
      ensureNamespace(client);
      config =
          new OperatorConfig(
              NAMESPACE,
              Files.createDirectories(dir.resolve("data")),
              OperatorFiles.keyFile(dir),
              "s0",
              List.of(new PeerAddress("s0", "127.0.0.1", OperatorFiles.freePort())),
              null,
              0,
              0,
              false,
              new AgentSettings(AGENT_IMAGE, "IfNotPresent", "https://strongroom-delivery.test"),
              SWEEP_INTERVAL);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RunningOperator operator =
        new RunningOperator(OperatorClient.create(client.getConfiguration()), config);
    try {
      operator.launch();
    } catch (RuntimeException | Error e) {
      operator.close();
      throw e;
    }
    return operator;
  }

  /** Stops and starts again on the same data directory and key. */
  public void restart() {
    OperatorProcess stopping = process;
    process = null;
    stopping.close();
    launch();
  }

  /** The operator's store, to check what it holds. */
  public SecretStore store() {
    return process.store();
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

  /** Creates the operator's namespace when the cluster does not have it yet. */
  public static void ensureNamespace(KubernetesClient client) {
    if (client.namespaces().withName(NAMESPACE).get() == null) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
    }
  }

  @Override
  public void close() {
    try {
      if (process != null) {
        process.close();
        process = null;
      }
    } finally {
      client.close();
    }
  }
}
