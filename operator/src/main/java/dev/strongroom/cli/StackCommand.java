package dev.strongroom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `strongroom stack`: Deploy or convert Compose/stack files (deploy, convert). */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description = "Deploy or convert Compose/stack files (deploy, convert).")
final class StackCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw NotYetAvailable.error("stack");
  }
}
