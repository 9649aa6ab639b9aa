package dev.strongroom;

import dev.strongroom.agent.Agent;
import dev.strongroom.cli.AgentTraining;
import dev.strongroom.cli.StrongroomCommand;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/** Entry point of the one jar: the operator, the agent and the CLI are subcommands. */
public final class Main {
  private static final Set<String> CLIENT_VERBS = Set.of("secret", "service", "stack");

  private Main() {}

  public static void main(String[] args) {
    // The agent is every pod's init container: skip picocli's model of all the other commands.
    if (args.length > 0 && args[0].equals("agent")) {
      System.exit(Agent.main(Arrays.copyOfRange(args, 1, args.length), System.err));
    }
    if (args.length > 0 && args[0].equals("agent-training")) {
      if (args.length != 3) {
        System.err.println("usage: strongroom agent-training AGENT_JAR ARCHIVE");
        System.exit(2);
      }
      System.exit(AgentTraining.run(Path.of(args[1]), Path.of(args[2]), System.err));
    }
    if (args.length > 0 && CLIENT_VERBS.contains(args[0])) {
      // A CLI verb's output is its own: a library's warning (such as fabric8's "unstable
      // version v1alpha1") would break its one-line errors. The operator and agent keep logs.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
      System.setProperty("org.slf4j.simpleLogger.log.io.fabric8", "off");
    }
    System.exit(StrongroomCommand.commandLine(System.getenv(), System.in).execute(args));
  }
}
