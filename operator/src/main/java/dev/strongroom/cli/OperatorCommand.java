package dev.strongroom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `strongroom operator`: Run the controller with the embedded encrypted Raft store. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = "Run the controller with the embedded encrypted Raft store.")
final class OperatorCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw NotYetAvailable.error("operator");
  }
}
