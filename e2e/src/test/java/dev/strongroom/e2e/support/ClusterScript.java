package dev.strongroom.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Drives {@code e2e/controlplane/cluster.sh} for one state directory. */
public final class ClusterScript {
  private static final String EXPORT = "export KUBECONFIG=";
  private final Path stateDir;
  private Path binDir;

  public ClusterScript(Path stateDir) {
    this.stateDir = stateDir;
  }

  /** Starts the control plane (building it if needed) and returns its kubeconfig. */
  public Path up() {
    String out = run("up", TimeUnit.MINUTES.toSeconds(45));
    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
    if (!last.startsWith(EXPORT)) {
      throw new IllegalStateException("cluster.sh up did not print the kubeconfig:\n" + out);
    }
    return Path.of(last.substring(EXPORT.length()));
  }

  public void down() {
    run("down", 60);
  }

  public String status() {
    return run("status", 30);
  }

  ProcessBuilder kubectl(Path kubeconfig, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binDir().resolve("kubectl").toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  /** The binary directory, as build.sh prints it (it builds nothing when all are cached). */
  private synchronized Path binDir() {
    if (binDir == null) {
      String out = execute(List.of(script("build.sh").toString()), 45 * 60);
      binDir = Path.of(out.strip().lines().reduce((a, b) -> b).orElseThrow());
    }
    return binDir;
  }

  private String run(String verb, long timeoutSeconds) {
    return execute(List.of(script("cluster.sh").toString(), verb), timeoutSeconds);
  }

  private static Path script(String name) {
    return Paths.root().resolve("e2e/controlplane").resolve(name);
  }

  private String execute(List<String> command, long timeoutSeconds) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("STRONGROOM_CLUSTER_DIR", stateDir.toString());
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " timed out after " + timeoutSeconds + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(command + " failed (" + process.exitValue() + "):\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
