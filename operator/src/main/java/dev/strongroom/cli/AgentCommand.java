package dev.strongroom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `strongroom agent`: Fetch this pod's granted secrets into /run/secrets (init container). */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Fetch this pod's granted secrets into /run/secrets (init container).")
final class AgentCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw NotYetAvailable.error("agent");
  }
}
