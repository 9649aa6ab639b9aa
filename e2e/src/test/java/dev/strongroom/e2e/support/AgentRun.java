package dev.strongroom.e2e.support;

import dev.strongroom.agent.Agent;
import dev.strongroom.reconcile.AgentSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code strongroom agent} against a delivery endpoint, in process (its real entry point) or
 * as a process (the CLI's {@code java -jar strongroom.jar agent} or the pods' command line), with
 * its token and CA in files under a tmpfs directory, and reports the exit code, its one line and
 * the files written.
 */
public final class AgentRun {
  /** The outcome of one agent run. */
  public record Result(int exit, String line, Path dir) {
    /** The files written, target to content (the pre-created service-account dirs left out). */
    public Map<String, String> files() {
      Map<String, String> files = new TreeMap<>();
      if (!Files.isDirectory(dir)) {
        return files;
      }
      try (Stream<Path> list = Files.list(dir)) {
        for (Path p : list.toList()) {
          if (Files.isRegularFile(p)) {
            files.put(p.getFileName().toString(), Files.readString(p));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return files;
    }

    /** {@code mode uid gid} of a written file, as {@code r--r----- 999 999}. */
    public String owner(String target) {
      Path p = dir.resolve(target);
      try {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
            + " "
            + Files.getAttribute(p, "unix:uid")
            + " "
            + Files.getAttribute(p, "unix:gid");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The agent's own jar, as the image holds it at {@code AgentSettings.IMAGE_AGENT_JAR}. */
  public static final Path AGENT_JAR = Paths.root().resolve("operator/target/strongroom-agent.jar");

  private final Path workDir;
  private final int port;
  private final Path caFile;
  private int runs;

  /** Agents for the endpoint on loopback {@code port}, trusting the PEM bundle {@code ca}. */
  public AgentRun(Path workDir, int port, String ca) {
    this.workDir = workDir;
    this.port = port;
    try {
      this.caFile = workDir.resolve("ca.crt");
      Files.writeString(caFile, ca);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A temporary directory on tmpfs, as the pod's in-memory volume is. */
  public static Path tmpfsDir(String prefix) {
    try {
      return Files.createTempDirectory(Path.of("/dev/shm"), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the agent in this JVM through its real entry point. */
  public Result inProcess(String token, String deadline) {
    Path[] files = prepare(token);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Agent.main(
            args(files, deadline).toArray(String[]::new),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(exit, err.toString(StandardCharsets.UTF_8).strip(), files[1]);
  }

  /**
   * Makes the agent's class-data-sharing archive as the Dockerfile does: {@code strongroom
   * agent-training operator/target/strongroom-agent.jar ARCHIVE}. Returns its output.
   */
  public static String trainArchive(Path archive) {
    return trainArchive(archive, Paths.java());
  }

  /** {@link #trainArchive(Path)} on the JVM {@code java}: an archive serves only its own JVM. */
  public static String trainArchive(Path archive, String java) {
    return ProcessRunner.run(
        new ProcessBuilder(
            jarCommand(
                java,
                List.of(),
                List.of("agent-training", AGENT_JAR.toString(), archive.toString()))),
        "");
  }

  /**
   * The agent container's command with {@code archive} for the image's and {@code extraFlags}:
   * {@code java -XX:SharedArchiveFile=ARCHIVE <pod flags> <extraFlags> -jar strongroom-agent.jar}.
   */
  public static List<String> podCommand(Path archive, List<String> extraFlags) {
    return podCommand(archive, extraFlags, Paths.java());
  }

  /** {@link #podCommand(Path, List)} on the JVM {@code java}, with an archive it made. */
  public static List<String> podCommand(Path archive, List<String> extraFlags, String java) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-XX:SharedArchiveFile=" + archive);
    command.addAll(AgentSettings.AGENT_JVM_FLAGS);
    command.addAll(extraFlags);
    command.add("-jar");
    command.add(AGENT_JAR.toString());
    return command;
  }

  /** {@code java -jar operator/target/strongroom.jar agent}: the CLI's agent, default JVM flags. */
  public static List<String> cliCommand() {
    return jarCommand(Paths.java(), List.of(), List.of("agent"));
  }

  /** {@code java <jvmFlags> -jar operator/target/strongroom.jar <args>}. */
  private static List<String> jarCommand(String java, List<String> jvmFlags, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(Paths.operatorJar().toString());
    command.addAll(args);
    return command;
  }

  /** Runs {@code java -jar operator/target/strongroom.jar agent ...} as its own process. */
  public Result asProcess(String token, String deadline) {
    return asProcess(token, deadline, cliCommand());
  }

  /** Runs {@code command} (a java command line up to the agent's flags) as its own process. */
  public Result asProcess(String token, String deadline, List<String> command) {
    Path[] files = prepare(token);
    List<String> full = new ArrayList<>(command);
    full.addAll(args(files, deadline));
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("agent timed out");
      }
      return new Result(process.exitValue(), out.strip(), files[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private synchronized Path[] prepare(String token) {
    int n = ++runs;
    try {
      Path tokenFile = workDir.resolve("token-" + n);
      Files.writeString(tokenFile, token == null ? "" : token);
      return new Path[] {tokenFile, workDir.resolve("secrets-" + n)};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> args(Path[] files, String deadline) {
    return List.of(
        "--dir=" + files[1],
        "--server=https://127.0.0.1:" + port,
        "--token-file=" + files[0],
        "--ca-file=" + caFile,
        "--deadline=" + deadline);
  }
}
