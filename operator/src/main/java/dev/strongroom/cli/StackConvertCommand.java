package dev.strongroom.cli;

import dev.strongroom.cli.compose.ComposeSource;
import dev.strongroom.cli.compose.ConvertedStack;
import dev.strongroom.cli.compose.ManifestWriter;
import dev.strongroom.cli.compose.StackConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `strongroom stack convert`: print the SwarmSecrets and SwarmServices of a stack as YAML. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Print the SwarmSecrets and SwarmServices that Compose/stack files make, as multi-document"
          + " YAML on standard output; what is not supported is reported on standard error.",
      "Later -c files are merged over earlier ones, as docker stack deploy does."
    })
final class StackConvertCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand StackCommand stack;

  @Option(
      names = {"-c", "--compose-file"},
      paramLabel = "FILE",
      required = true,
      description =
          "A Compose file, or - for standard input; repeat to merge several, later ones win.")
  List<String> files;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description = "The namespace of the objects (sealed secrets are bound to it).")
  String namespace;

  @Option(
      names = "--cert",
      paramLabel = "FILE",
      description = "The cluster's public sealing key, for sealing offline (not yet available).")
  Path cert;

  @Parameters(paramLabel = "STACK", description = "The stack name; objects are named STACK_name.")
  String stackName;

  private ComposeSource source(String file) {
    if (!file.equals("-")) {
      return new ComposeSource(file, Path.of(file));
    }
    try {
      return ComposeSource.ofStdin(
          new String(stack.root.stdin().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserError("cannot read the Compose file from standard input: " + e.getMessage());
    }
  }

  @Override
  public Integer call() {
    StackConverter converter =
        new StackConverter(stack.root.environment(), new UnavailableSealer());
    ConvertedStack converted =
        converter.convert(files.stream().map(this::source).toList(), stackName, namespace);
    PrintWriter err = spec.commandLine().getErr();
    converted.warnings().forEach(warning -> err.println("warning: " + warning));
    converted
        .externalSecrets()
        .forEach(name -> err.println("note: external secret '" + name + "' must already exist"));
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    out.print(new ManifestWriter().write(converted.manifests()));
    out.flush();
    return 0;
  }
}
