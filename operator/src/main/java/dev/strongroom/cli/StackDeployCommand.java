package dev.strongroom.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `strongroom stack deploy`: convert Compose/stack files and apply them to the cluster. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = "Convert Compose/stack files and apply the objects to the cluster.")
final class StackDeployCommand implements Callable<Integer> {
  @Option(
      names = {"-c", "--compose-file"},
      paramLabel = "FILE",
      required = true,
      description = "A Compose file; repeat to merge several, later ones win.")
  List<String> files;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description = "The namespace to deploy to.")
  String namespace;

  @Parameters(paramLabel = "STACK", description = "The stack name.")
  String stackName;

  @Override
  public Integer call() {
    throw NotYetAvailable.error("stack deploy");
  }
}
