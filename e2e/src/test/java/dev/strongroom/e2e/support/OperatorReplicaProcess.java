package dev.strongroom.e2e.support;

import static org.awaitility.Awaitility.await;

import dev.strongroom.store.PeerTlsFiles;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An operator replica run as users run it: {@code java -jar strongroom.jar operator} in its own
 * process, with the flags a StatefulSet pod would get. Replicas of one store share the key and the
 * peer TLS files.
 */
public final class OperatorReplicaProcess implements AutoCloseable {
  private final String id;
  private final int healthPort;
  private final int deliveryPort;
  private final Process process;
  private final Path log;

  private OperatorReplicaProcess(
      String id, int healthPort, int deliveryPort, Process process, Path log) {
    this.id = id;
    this.healthPort = healthPort;
    this.deliveryPort = deliveryPort;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code count} replicas on the cluster and waits until each reports ready. */
  public static List<OperatorReplicaProcess> start(
      ControlPlane.Cluster cluster, Path dir, int count) throws IOException {
    return start(cluster.client(), cluster.kubeconfig(), dir, count);
  }

  /** {@link #start(ControlPlane.Cluster, Path, int)} on the cluster of {@code kubeconfig}. */
  public static List<OperatorReplicaProcess> start(
      KubernetesClient client, Path kubeconfig, Path dir, int count) throws IOException {
    RunningOperator.ensureNamespace(client);
    Files.createDirectories(dir);
    Path jar = Paths.root().resolve("operator/target/strongroom.jar");
    Path keyFile = OperatorFiles.keyFile(dir);
    PeerTlsFiles tls = OperatorFiles.peerTls(dir);
    List<String> ids = new ArrayList<>();
    List<Integer> raftPorts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add("s" + i);
      raftPorts.add(OperatorFiles.freePort());
    }
    String peers =
        java.util.stream.IntStream.range(0, count)
            .mapToObj(i -> ids.get(i) + "=127.0.0.1:" + raftPorts.get(i))
            .collect(Collectors.joining(","));
    List<OperatorReplicaProcess> replicas = new ArrayList<>();
    for (String id : ids) {
      int healthPort = OperatorFiles.freePort();
      int deliveryPort = OperatorFiles.freePort();
      Path data = Files.createDirectories(dir.resolve(id));
      ProcessBuilder builder =
          new ProcessBuilder(
                  javaBinary(),
                  "-jar",
                  jar.toString(),
                  "operator",
                  "--namespace=" + RunningOperator.NAMESPACE,
                  "--data-dir=" + data,
                  "--key-file=" + keyFile,
                  "--id=" + id,
                  "--peers=" + peers,
                  "--peer-cert=" + tls.certificate(),
                  "--peer-key=" + tls.privateKey(),
                  "--peer-ca=" + tls.trustedCa(),
                  "--metrics-port=" + healthPort,
                  "--delivery-port=" + deliveryPort,
                  "--agent-image=" + RunningOperator.AGENT_IMAGE)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve(id + ".log").toFile());
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      replicas.add(
          new OperatorReplicaProcess(
              id, healthPort, deliveryPort, builder.start(), dir.resolve(id + ".log")));
    }
    HttpClient http = HttpClient.newHttpClient();
    for (OperatorReplicaProcess replica : replicas) {
      await(replica.id + " ready (log: " + dir.resolve(replica.id + ".log") + ")")
          .atMost(Duration.ofSeconds(120))
          .until(() -> replica.ready(http));
    }
    return replicas;
  }

  public String id() {
    return id;
  }

  public long pid() {
    return process.pid();
  }

  /** The port of /metrics, /healthz and /readyz. */
  public int healthPort() {
    return healthPort;
  }

  /** The port of the HTTPS delivery endpoint, on loopback. */
  public int deliveryPort() {
    return deliveryPort;
  }

  private boolean ready(HttpClient http) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "replica " + id + " exited with " + process.exitValue() + ":\n" + logTail());
    }
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/readyz"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Stops the replica as Kubernetes would (SIGTERM) and waits for it to exit. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while stopping " + id));
    }
  }
}
