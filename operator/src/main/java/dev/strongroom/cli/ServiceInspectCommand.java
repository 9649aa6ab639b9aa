package dev.strongroom.cli;

import dev.strongroom.api.SwarmService;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `strongroom service inspect`: JSON close to {@code docker service inspect}. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Show SwarmServices as JSON, as docker service inspect does, with the grant revision and"
            + " conditions.")
final class ServiceInspectCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand ServiceCommand parent;

  @Mixin KubeOptions kube;

  @Parameters(
      paramLabel = "NAME",
      arity = "1..*",
      description = "Swarm name, Kubernetes name or ID prefix.")
  List<String> names;

  @Override
  public Integer call() {
    try (Session session = new Session(parent.root.connections(), kube)) {
      List<SwarmService> services = GrantedSecrets.services(session.client(), session.namespace());
      List<Map<String, Object>> documents = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (String name : names) {
        ServiceLookup.find(services, name)
            .ifPresentOrElse(s -> documents.add(ServiceViews.inspect(s)), () -> missing.add(name));
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(Json.pretty(documents));
      out.flush();
      if (!missing.isEmpty()) {
        throw new UserError(
            "no such service: "
                + String.join(", ", missing)
                + " (namespace "
                + session.namespace()
                + ")");
      }
    }
    return 0;
  }
}
