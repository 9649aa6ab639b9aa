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
 * process, with the flags a StatefulSet pod would get, or through the image's launcher {@code
 * strongroom-operator} on a given JDK. Replicas of one store share the key and the peer TLS files.
 */
public final class OperatorReplicaProcess implements AutoCloseable {
  /** The delivery URL every replica renders into pods (none of the kwok nodes' pods runs it). */
  static final String SHARED_DELIVERY_URL =
      "https://strongroom-delivery." + RunningOperator.NAMESPACE + ".svc:8443";

  private final String id;
  private final int healthPort;
  private final int deliveryPort;
  private final ProcessBuilder builder;
  private final Path log;
  private final boolean launcher;
  private Process process;

  private OperatorReplicaProcess(
      String id,
      int healthPort,
      int deliveryPort,
      ProcessBuilder builder,
      Path log,
      boolean launcher)
      throws IOException {
    this.launcher = launcher;
    this.id = id;
    this.healthPort = healthPort;
    this.deliveryPort = deliveryPort;
    this.builder = builder;
    this.log = log;
    this.process = builder.start();
  }

  /** Starts {@code count} replicas on the cluster and waits until each reports ready. */
  public static List<OperatorReplicaProcess> start(
      ControlPlane.Cluster cluster, Path dir, int count) throws IOException {
    return start(cluster.client(), cluster.kubeconfig(), dir, count);
  }

  /** {@link #start(ControlPlane.Cluster, Path, int)} on the cluster of {@code kubeconfig}. */
  public static List<OperatorReplicaProcess> start(
      KubernetesClient client, Path kubeconfig, Path dir, int count) throws IOException {
    return start(client, kubeconfig, dir, count, null);
  }

  /**
   * One replica started as the image starts it, through the launcher {@code strongroom-operator}
   * (which keeps the JVM's ahead-of-time cache in the data dir), on the JDK at {@code javaHome}.
   */
  public static OperatorReplicaProcess startWithLauncher(
      ControlPlane.Cluster cluster, Path dir, Path javaHome) throws IOException {
    return start(cluster.client(), cluster.kubeconfig(), dir, 1, javaHome).get(0);
  }

  /** Replicas run by {@code java -jar}, or by the launcher on {@code launcherJavaHome}. */
  private static List<OperatorReplicaProcess> start(
      KubernetesClient client, Path kubeconfig, Path dir, int count, Path launcherJavaHome)
      throws IOException {
    RunningOperator.ensureNamespace(client);
    Files.createDirectories(dir);
    Path jar = Paths.operatorJar();
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
      List<String> command = new ArrayList<>();
      if (launcherJavaHome == null) {
        command.add(Paths.java());
        command.addAll(jvmFlags());
        command.addAll(List.of("-jar", jar.toString(), "operator"));
      } else {
        command.add(Paths.operatorLauncher().toString());
      }
      command.addAll(
          List.of(
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
              // What pods are rendered to ask: the same on every replica, as a StatefulSet's
              // replicas share the delivery Service (each replica here listens on a port of its
              // own, which the default URL would name, and a new leader would roll every service).
              "--delivery-url=" + SHARED_DELIVERY_URL,
              "--agent-image=" + RunningOperator.AGENT_IMAGE));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve(id + ".log").toFile());
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      if (launcherJavaHome != null) {
        builder.environment().put("JAVA_HOME", launcherJavaHome.toString());
        launch(builder, jar, jvmFlags());
      }
      replicas.add(
          new OperatorReplicaProcess(
              id,
              healthPort,
              deliveryPort,
              builder,
              dir.resolve(id + ".log"),
              launcherJavaHome != null));
    }
    replicas.forEach(OperatorReplicaProcess::awaitReady);
    return replicas;
  }

  /**
   * Stops the replica (SIGTERM) unless it has stopped, and starts it again with the same flags,
   * data and key, as a pod restart would; waits until it reports ready.
   */
  public void restart() throws IOException {
    restart(Paths.operatorJar());
  }

  /** {@link #restart()} from another build of the operator jar, such as a baseline to compare. */
  public void restart(Path jar) throws IOException {
    restart(jar, List.of());
  }

  /**
   * {@link #restart(Path)} ({@code jar} null: this checkout's) with JVM flags added to the usual
   * ones, such as a baseline's.
   */
  public void restart(Path jar, List<String> extraJvmFlags) throws IOException {
    close();
    List<String> command = builder.command();
    List<String> flags = new ArrayList<>(jvmFlags());
    flags.addAll(extraJvmFlags);
    Path runJar = jar == null ? Paths.operatorJar() : jar;
    if (launcher) {
      launch(builder, runJar, flags);
    } else {
      List<String> before = command.subList(1, command.indexOf("-jar"));
      before.clear();
      before.addAll(flags);
      command.set(command.indexOf("-jar") + 1, runJar.toString());
    }
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = builder.start();
    awaitReady();
  }

  /** What the launcher runs: {@code jar}, with {@code jvmFlags}. */
  private static void launch(ProcessBuilder builder, Path jar, List<String> jvmFlags) {
    builder.environment().put("STRONGROOM_JAR", jar.toString());
    builder.environment().put("STRONGROOM_JAVA_OPTS", String.join(" ", jvmFlags));
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newHttpClient();
    await(id + " ready (log: " + log + ")")
        .atMost(Duration.ofSeconds(120))
        .until(() -> ready(http));
  }

  public String id() {
    return id;
  }

  /**
   * The JVM's process: the launcher's {@code java} child while it records the JVM's cache, else the
   * process started (the launcher replaces itself with the JVM when it has a cache).
   */
  public long pid() {
    if (!launcher) {
      return process.pid();
    }
    return process
        .children()
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .findFirst()
        .map(ProcessHandle::pid)
        .orElse(process.pid());
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

  /**
   * JVM flags for the replicas from {@code -Dstrongroom.operatorJvmFlags} (space-separated), such
   * as a container's heap and collector or a GC log for a benchmark; none by default.
   */
  private static List<String> jvmFlags() {
    String flags = System.getProperty("strongroom.operatorJvmFlags", "").strip();
    return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
  }

  /** Stops the replica as Kubernetes would (SIGTERM) and waits for it to exit. */
  @Override
  public void close() {
    // The launcher's JVM, while it records its cache, and the JVM that then checks the cache.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      // A launcher that records the JVM's cache stops about 10 s later.
      if (!process.waitFor(launcher ? 90 : 30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while stopping " + id));
    }
  }
}
