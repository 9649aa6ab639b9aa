package dev.strongroom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `strongroom secret`: Manage SwarmSecrets (create, ls, inspect, rm). */
@Command(
    name = "secret",
    mixinStandardHelpOptions = true,
    description = "Manage SwarmSecrets (create, ls, inspect, rm).")
final class SecretCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw NotYetAvailable.error("secret");
  }
}
