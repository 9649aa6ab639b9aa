package dev.strongroom.cli;

import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import dev.strongroom.cli.compose.ConvertedStack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `strongroom stack deploy`: convert Compose/stack files and apply them to the cluster. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Convert Compose/stack files and apply the objects to the cluster (server-side apply):"
          + " secrets first, then services. External secrets must already exist.",
      "Wait for the services with: kubectl wait swarmservice -l com.docker.stack.namespace=STACK"
          + " --for=condition=Ready"
    })
final class StackDeployCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand StackCommand stack;

  @Option(
      names = {"-c", "--compose-file"},
      paramLabel = "FILE",
      required = true,
      description = "A Compose file, or - for standard input; repeat to merge several.")
  List<String> files;

  @Option(
      names = "--update-secrets",
      description =
          "Re-seal and apply secrets that already exist, storing a new version of each (their"
              + " services roll). Without it an existing secret is kept as it is, as Docker"
              + " never changes a secret's value on deploy.")
  boolean updateSecrets;

  @Mixin KubeOptions kube;

  @Mixin SealingOptions sealing;

  @Parameters(paramLabel = "STACK", description = "The stack name; objects are named STACK_name.")
  String stackName;

  @Override
  public Integer call() {
    StrongroomCommand root = stack.root;
    try (Session session = new Session(root.connections(), kube)) {
      String namespace = session.namespace();
      KubernetesClient client = session.client();
      SecretSealer sealer =
          new PublicKeySealer(SealingKeySource.of(sealing, session::client), root.random());
      ConvertedStack converted =
          new StackFiles(root.environment(), root.stdin())
              .convert(files, stackName, namespace, sealer);
      requireExternalSecrets(client, namespace, converted.externalSecrets());
      PrintWriter err = spec.commandLine().getErr();
      converted.warnings().forEach(warning -> err.println("warning: " + warning));
      err.flush();
      PrintWriter out = spec.commandLine().getOut();
      for (HasMetadata object : converted.manifests()) {
        boolean exists = client.resource(object).get() != null;
        if (exists && object instanceof SwarmSecret && !updateSecrets) {
          // A new envelope is a new version even for the same value: keep, rather than roll.
          out.println(
              "Keeping secret " + swarmName(object) + " (it exists; --update-secrets re-seals it)");
          continue;
        }
        client.resource(object).fieldManager(FieldManagers.CLI).forceConflicts().serverSideApply();
        out.println(
            (exists ? "Updating " : "Creating ")
                + (object instanceof SwarmSecret ? "secret " : "service ")
                + swarmName(object));
      }
      out.flush();
    }
    return 0;
  }

  private static void requireExternalSecrets(
      KubernetesClient client, String namespace, List<String> external) {
    if (external.isEmpty()) {
      return;
    }
    List<SwarmSecret> secrets =
        client.resources(SwarmSecret.class).inNamespace(namespace).list().getItems();
    List<String> missing =
        external.stream().filter(name -> SecretLookup.find(secrets, name).isEmpty()).toList();
    if (!missing.isEmpty()) {
      throw new UserError(
          (missing.size() == 1 ? "external secret '" : "external secrets '")
              + String.join("', '", missing)
              + "' not found in namespace "
              + namespace
              + "; create "
              + (missing.size() == 1 ? "it" : "them")
              + " first with strongroom secret create");
    }
  }

  private static String swarmName(HasMetadata object) {
    if (object instanceof SwarmSecret secret) {
      return secret.swarmName();
    }
    return ServiceLookup.swarmName((SwarmService) object);
  }
}
