package dev.strongroom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `strongroom service`: Manage SwarmServices (create, update, ls, inspect, ps). */
@Command(
    name = "service",
    mixinStandardHelpOptions = true,
    description = "Manage SwarmServices (create, update, ls, inspect, ps).")
final class ServiceCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw NotYetAvailable.error("service");
  }
}
