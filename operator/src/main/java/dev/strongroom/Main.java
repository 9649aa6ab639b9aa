package dev.strongroom;

import dev.strongroom.cli.StrongroomCommand;
import java.util.Set;

/** Entry point of the one jar: the operator, the agent and the CLI are subcommands. */
public final class Main {
  private static final Set<String> CLIENT_VERBS = Set.of("secret", "service", "stack");

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && CLIENT_VERBS.contains(args[0])) {
      // A CLI verb's output is its own: a library's warning (such as fabric8's "unstable
      // version v1alpha1") would break its one-line errors. The operator and agent keep logs.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
      System.setProperty("org.slf4j.simpleLogger.log.io.fabric8", "off");
    }
    System.exit(StrongroomCommand.commandLine(System.getenv(), System.in).execute(args));
  }
}
