package dev.strongroom.cli;

import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `strongroom secret inspect`: JSON close to {@code docker secret inspect}, never the value. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Show SwarmSecrets as JSON, as docker secret inspect does: metadata, version, the"
            + " services that use them and their conditions; never the value.")
final class SecretInspectCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand SecretCommand parent;

  @Mixin KubeOptions kube;

  @Parameters(
      paramLabel = "NAME",
      arity = "1..*",
      description = "Swarm name, Kubernetes name or ID prefix.")
  List<String> names;

  @Override
  public Integer call() {
    try (Session session = new Session(parent.root.connections(), kube)) {
      String namespace = session.namespace();
      List<SwarmSecret> secrets =
          session.client().resources(SwarmSecret.class).inNamespace(namespace).list().getItems();
      List<SwarmService> services =
          session.client().resources(SwarmService.class).inNamespace(namespace).list().getItems();
      List<Map<String, Object>> documents = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (String name : names) {
        Optional<SwarmSecret> secret = SecretLookup.find(secrets, name);
        secret.ifPresentOrElse(
            s -> documents.add(SecretViews.inspect(s, SecretLookup.usedBy(s, services))),
            () -> missing.add(name));
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(Json.pretty(documents));
      out.flush();
      if (!missing.isEmpty()) {
        throw new UserError(
            "no such secret: " + String.join(", ", missing) + " (namespace " + namespace + ")");
      }
    }
    return 0;
  }
}
