package dev.strongroom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `strongroom bench`: Measure Strongroom's parts on this machine (store). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure Strongroom's parts on this machine (store).")
final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw NotYetAvailable.error("bench");
  }
}
