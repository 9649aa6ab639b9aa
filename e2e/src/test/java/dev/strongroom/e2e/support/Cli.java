package dev.strongroom.e2e.support;

import dev.strongroom.cli.StrongroomCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code strongroom} CLI as a user would on the test cluster, with a kubeconfig in {@code
 * KUBECONFIG}: in-process through {@link StrongroomCommand#commandLine}, or as a process ({@code
 * java -jar}, or {@code kubectl strongroom} through the launcher script).
 */
public final class Cli {
  private final Path kubeconfig;
  private final List<String> secretValues;

  public Cli(Path kubeconfig) {
    this(kubeconfig, List.of());
  }

  private Cli(Path kubeconfig, List<String> secretValues) {
    this.kubeconfig = kubeconfig;
    this.secretValues = secretValues;
  }

  /**
   * This CLI, failing every run whose output holds one of {@code values} before the output can
   * reach an assertion (whose failure message would print it): the test's secret values.
   */
  public Cli neverPrinting(String... values) {
    List<String> all = new ArrayList<>(secretValues);
    all.addAll(List.of(values));
    return new Cli(kubeconfig, List.copyOf(all));
  }

  /** What a run printed and how it ended. */
  public record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\nout:\n" + out + "err:\n" + err;
    }
  }

  public Result run(String... args) {
    return run(Map.of(), "", args);
  }

  /** In-process, with {@code environment} added to KUBECONFIG and {@code stdin} as input. */
  public Result run(Map<String, String> environment, String stdin, String... args) {
    Map<String, String> env = new HashMap<>(environment);
    env.put("KUBECONFIG", kubeconfig.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine =
        StrongroomCommand.commandLine(
            env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return checked(new Result(exit, out.toString(), err.toString()));
  }

  /** {@code java -jar operator/target/strongroom.jar ARGS}, as its own process. */
  public Result runJar(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.java());
    command.add("-jar");
    command.add(Paths.operatorJar().toString());
    command.addAll(List.of(args));
    return process(new ProcessBuilder(command), stdin);
  }

  /** {@code kubectl strongroom ARGS}, with the launcher script's directory on the PATH. */
  public Result runKubectlPlugin(Path kubectl, String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(kubectl.toString());
    command.add("strongroom");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    String path = builder.environment().getOrDefault("PATH", "");
    builder.environment().put("PATH", Paths.root().resolve("operator/src/main/sh") + ":" + path);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return process(builder, stdin);
  }

  /** The result, unless its output holds a secret value: then a failure that does not show it. */
  private Result checked(Result result) {
    String all = result.out() + result.err();
    if (secretValues.stream().anyMatch(all::contains)) {
      throw new AssertionError(
          "a secret value appears in the CLI's output (exit "
              + result.exit()
              + "); the output is withheld");
    }
    return result;
  }

  private Result process(ProcessBuilder builder, String stdin) {
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    try {
      Process process = builder.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      // Small outputs: reading one stream to its end before the other cannot block here.
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(builder.command() + " timed out");
      }
      return checked(new Result(process.exitValue(), out, err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
