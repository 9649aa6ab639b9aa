package dev.strongroom.cli;

import dev.strongroom.api.SwarmService;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `strongroom service ls`: the SwarmServices of a namespace. */
@Command(
    name = "ls",
    aliases = "list",
    mixinStandardHelpOptions = true,
    description = "List the SwarmServices of a namespace: ready/desired pods, grants, revision.")
final class ServiceLsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand ServiceCommand parent;

  @Mixin KubeOptions kube;

  @Option(
      names = {"-q", "--quiet"},
      description = "Only the IDs.")
  boolean quiet;

  @Override
  public Integer call() {
    try (Session session = new Session(parent.root.connections(), kube)) {
      List<SwarmService> services =
          new ArrayList<>(GrantedSecrets.services(session.client(), session.namespace()));
      services.sort(Comparator.comparing(ServiceLookup::swarmName));
      PrintWriter out = spec.commandLine().getOut();
      if (quiet) {
        services.forEach(s -> out.println(ShortIds.of(s)));
      } else {
        out.print(
            Table.render(ServiceViews.HEADER, services.stream().map(ServiceViews::row).toList()));
      }
      out.flush();
    }
    return 0;
  }
}
