package dev.strongroom.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs the README's {@code ./demo.sh} as a user would, in its own state and tmpfs directories so it
 * stays apart from the test cluster and from a demo someone runs by hand.
 */
public final class DemoScript {
  /** How a run ended: the exit code and everything it printed. */
  public record Result(int exit, String output) {}

  private static final long TIMEOUT_MINUTES = 15;

  private final Path stateDir;
  private final Path tmpfsDir;

  public DemoScript(Path stateDir, Path tmpfsDir) {
    this.stateDir = stateDir;
    this.tmpfsDir = tmpfsDir;
  }

  public Result run(String... args) {
    Path log = stateDir.resolveSibling(stateDir.getFileName() + ".out");
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(Paths.root().resolve("demo.sh").toString());
      builder.command().addAll(java.util.List.of(args));
      builder.environment().put("STRONGROOM_DEMO_DIR", stateDir.toString());
      builder.environment().put("STRONGROOM_DEMO_TMPFS", tmpfsDir.toString());
      builder.environment().remove("KUBECONFIG");
      Process process =
          builder
              .directory(Paths.root().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroy();
        throw new IllegalStateException(
            "demo.sh did not finish in " + TIMEOUT_MINUTES + " minutes:\n" + Files.readString(log));
      }
      return new Result(process.exitValue(), Files.readString(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Live processes whose command line names the state directory (replicas, cluster). */
  public long processesLeft() {
    String marker = stateDir.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .count();
  }
}
