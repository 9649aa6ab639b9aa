package dev.strongroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `strongroom service`: Manage SwarmServices (create, update, ls, inspect, ps). */
@Command(
    name = "service",
    mixinStandardHelpOptions = true,
    description = "Manage SwarmServices (create, update, ls, inspect, ps).",
    subcommands = {
      ServiceCreateCommand.class,
      ServiceUpdateCommand.class,
      ServiceLsCommand.class,
      ServiceInspectCommand.class,
      ServicePsCommand.class
    })
final class ServiceCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand StrongroomCommand root;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: create, update, ls, inspect or ps");
  }
}
