package dev.strongroom.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `strongroom` command: Swarm's secret verbs plus the operator and agent processes. */
@Command(
    name = "strongroom",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Docker Swarm's secret model on Kubernetes.",
    subcommands = {
      OperatorCommand.class,
      AgentCommand.class,
      SecretCommand.class,
      ServiceCommand.class,
      StackCommand.class,
      UnlockCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class StrongroomCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> environment;

  private StrongroomCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The command line with Strongroom's error handling and no environment variables. */
  public static CommandLine commandLine() {
    return commandLine(Map.of());
  }

  /**
   * The command line with Strongroom's error handling (one clear line and a non-zero exit); {@code
   * environment} is the process environment, read here and nowhere else.
   */
  public static CommandLine commandLine(Map<String, String> environment) {
    return new CommandLine(new StrongroomCommand(environment))
        .setExecutionExceptionHandler(new OneLineErrors());
  }

  /** The environment variables that commands may read (Compose interpolation and secrets). */
  Map<String, String> environment() {
    return environment;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
