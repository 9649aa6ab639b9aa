package dev.strongroom.cli;

import picocli.CommandLine.Command;

/** `strongroom bench`: Measure Strongroom's parts on this machine (store). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure Strongroom's parts on this machine (store).",
    subcommands = {StoreBenchCommand.class})
final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
