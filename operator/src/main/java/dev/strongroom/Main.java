package dev.strongroom;

import dev.strongroom.agent.Agent;
import dev.strongroom.cli.StrongroomCommand;
import java.util.Arrays;

/** Entry point of the one jar: the operator, the agent and the CLI are subcommands. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // The agent is every pod's init container: skip picocli's model of all the other commands.
    if (args.length > 0 && args[0].equals("agent")) {
      System.exit(Agent.main(Arrays.copyOfRange(args, 1, args.length), System.err));
    }
    System.exit(StrongroomCommand.commandLine(System.getenv(), System.in).execute(args));
  }
}
