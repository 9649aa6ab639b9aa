package dev.strongroom.cli;

import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `strongroom secret ls`: the SwarmSecrets of a namespace, never their values. */
@Command(
    name = "ls",
    aliases = "list",
    mixinStandardHelpOptions = true,
    description = "List the SwarmSecrets of a namespace (never their values).")
final class SecretLsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand SecretCommand parent;

  @Mixin KubeOptions kube;

  @Option(
      names = {"-q", "--quiet"},
      description = "Only the IDs.")
  boolean quiet;

  @Option(
      names = "--format",
      paramLabel = "table|json",
      defaultValue = "table",
      description = "table (default), or json: one JSON object a line.")
  String format;

  @Override
  public Integer call() {
    if (!format.equals("table") && !format.equals("json")) {
      throw new UserError("--format takes table or json, not '" + format + "'");
    }
    try (Session session = new Session(parent.root.connections(), kube)) {
      String namespace = session.namespace();
      List<SwarmSecret> secrets =
          new ArrayList<>(
              session
                  .client()
                  .resources(SwarmSecret.class)
                  .inNamespace(namespace)
                  .list()
                  .getItems());
      secrets.sort(Comparator.comparing(SwarmSecret::swarmName));
      List<SwarmService> services =
          session.client().resources(SwarmService.class).inNamespace(namespace).list().getItems();
      PrintWriter out = spec.commandLine().getOut();
      Instant now = parent.root.clock().instant();
      if (quiet) {
        secrets.forEach(s -> out.println(ShortIds.of(s)));
      } else if (format.equals("json")) {
        secrets.forEach(
            s -> out.println(Json.line(SecretViews.summary(s, SecretLookup.usedBy(s, services)))));
      } else {
        List<List<String>> rows =
            secrets.stream()
                .map(s -> SecretViews.row(s, SecretLookup.usedBy(s, services), now))
                .toList();
        out.print(Table.render(SecretViews.HEADER, rows));
      }
      out.flush();
    }
    return 0;
  }
}
