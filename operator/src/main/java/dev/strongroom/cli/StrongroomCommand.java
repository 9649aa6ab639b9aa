package dev.strongroom.cli;

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

  /** The command line with Strongroom's error handling: one clear line and a non-zero exit. */
  public static CommandLine commandLine() {
    return new CommandLine(new StrongroomCommand())
        .setExecutionExceptionHandler(new OneLineErrors());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
