package dev.strongroom;

import dev.strongroom.cli.StrongroomCommand;

/** Entry point of the one jar: the operator, the agent and the CLI are subcommands. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(StrongroomCommand.commandLine(System.getenv(), System.in).execute(args));
  }
}
