package dev.strongroom.cli;

import dev.strongroom.cli.compose.ConvertedStack;
import dev.strongroom.cli.compose.ManifestWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `strongroom stack convert`: print the SwarmSecrets and SwarmServices of a stack as YAML. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Print the SwarmSecrets and SwarmServices that Compose/stack files make, as multi-document"
          + " YAML on standard output; what is not supported is reported on standard error.",
      "Later -c files are merged over earlier ones, as docker stack deploy does. File and"
          + " environment secrets are sealed to the cluster's key (fetched from the cluster, or"
          + " --cert FILE) and bound to -n NAMESPACE, which they then need."
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

  @Mixin KubeOptions kube;

  @Mixin SealingOptions sealing;

  @Parameters(paramLabel = "STACK", description = "The stack name; objects are named STACK_name.")
  String stackName;

  @Override
  public Integer call() {
    StrongroomCommand root = stack.root;
    try (Session session = new Session(root.connections(), kube)) {
      SecretSealer sealer =
          new PublicKeySealer(SealingKeySource.of(sealing, session::client), root.random());
      // The namespace only as given: a manifest for git should not depend on a kubeconfig.
      ConvertedStack converted =
          new StackFiles(root.environment(), root.stdin())
              .convert(files, stackName, kube.namespace, sealer);
      PrintWriter err = spec.commandLine().getErr();
      converted.warnings().forEach(warning -> err.println("warning: " + warning));
      converted
          .externalSecrets()
          .forEach(name -> err.println("note: external secret '" + name + "' must already exist"));
      err.flush();
      PrintWriter out = spec.commandLine().getOut();
      out.print(new ManifestWriter().write(converted.manifests()));
      out.flush();
    }
    return 0;
  }
}
