package dev.strongroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `strongroom secret`: Manage SwarmSecrets (create, ls, inspect, rm). */
@Command(
    name = "secret",
    mixinStandardHelpOptions = true,
    description = "Manage SwarmSecrets (create, ls, inspect, rm).",
    subcommands = {
      SecretCreateCommand.class,
      SecretLsCommand.class,
      SecretInspectCommand.class,
      SecretRmCommand.class
    })
final class SecretCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand StrongroomCommand root;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: create, ls, inspect or rm");
  }
}
