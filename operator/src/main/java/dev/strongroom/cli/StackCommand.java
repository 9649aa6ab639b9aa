package dev.strongroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `strongroom stack`: Deploy or convert Compose/stack files (deploy, convert). */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description = "Deploy or convert Compose/stack files (deploy, convert).",
    subcommands = {StackConvertCommand.class, StackDeployCommand.class})
final class StackCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand StrongroomCommand root;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: convert or deploy");
  }
}
