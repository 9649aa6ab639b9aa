package dev.strongroom.cli;

import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmService;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `strongroom service ps`: a service's pods, the grant revision each runs, and readiness. */
@Command(
    name = "ps",
    mixinStandardHelpOptions = true,
    description =
        "List a SwarmService's pods (Swarm's tasks): node, the grant revision each receives,"
            + " ready containers and state.")
final class ServicePsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand ServiceCommand parent;

  @Mixin KubeOptions kube;

  @Parameters(paramLabel = "NAME", description = "Swarm name, Kubernetes name or ID prefix.")
  String name;

  @Override
  public Integer call() {
    try (Session session = new Session(parent.root.connections(), kube)) {
      String namespace = session.namespace();
      SwarmService service =
          ServiceLookup.find(GrantedSecrets.services(session.client(), namespace), name)
              .orElseThrow(
                  () ->
                      new UserError("no such service: " + name + " (namespace " + namespace + ")"));
      List<Pod> pods =
          new ArrayList<>(
              session
                  .client()
                  .pods()
                  .inNamespace(namespace)
                  .withLabel(StrongroomApi.SERVICE_LABEL, service.getMetadata().getName())
                  .list()
                  .getItems());
      pods.sort(Comparator.comparing(p -> p.getMetadata().getName()));
      Instant now = parent.root.clock().instant();
      PrintWriter out = spec.commandLine().getOut();
      out.print(
          Table.render(
              ServiceViews.PS_HEADER, pods.stream().map(p -> ServiceViews.psRow(p, now)).toList()));
      out.flush();
    }
    return 0;
  }
}
