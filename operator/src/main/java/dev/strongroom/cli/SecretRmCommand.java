package dev.strongroom.cli;

import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import dev.strongroom.reconcile.InUseMessage;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * `strongroom secret rm`: delete SwarmSecrets, refusing (as Swarm does) those a service uses; the
 * operator's finalizer holds a deletion that races with a new grant, and this says so.
 */
@Command(
    name = "rm",
    aliases = "remove",
    mixinStandardHelpOptions = true,
    description =
        "Remove SwarmSecrets. A secret that a service is granted is refused, with Swarm's"
            + " message; remove the grant first (service update --secret-rm).")
final class SecretRmCommand implements Callable<Integer> {
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
    List<String> errors = new ArrayList<>();
    PrintWriter out = spec.commandLine().getOut();
    try (Session session = new Session(parent.root.connections(), kube)) {
      String namespace = session.namespace();
      KubernetesClient client = session.client();
      for (String name : names) {
        List<SwarmSecret> secrets =
            client.resources(SwarmSecret.class).inNamespace(namespace).list().getItems();
        Optional<SwarmSecret> found = SecretLookup.find(secrets, name);
        if (found.isEmpty()) {
          errors.add("no such secret: " + name + " (namespace " + namespace + ")");
          continue;
        }
        SwarmSecret secret = found.get();
        List<String> usedBy = SecretLookup.usedBy(secret, services(client, namespace));
        if (!usedBy.isEmpty()) {
          errors.add(
              InUseMessage.of(secret.swarmName(), usedBy)
                  + (secret.getMetadata().getDeletionTimestamp() != null
                      ? " (its deletion was requested and is held until no service grants it)"
                      : ""));
          continue;
        }
        client.resource(secret).delete();
        // A grant added meanwhile keeps it: the operator's finalizer holds the deletion.
        List<String> grantedSince = SecretLookup.usedBy(secret, services(client, namespace));
        if (!grantedSince.isEmpty()) {
          errors.add(
              InUseMessage.of(secret.swarmName(), grantedSince)
                  + " (granted while being removed: the deletion is held until no service"
                  + " grants it)");
          continue;
        }
        out.println(name);
      }
    }
    out.flush();
    if (errors.isEmpty()) {
      return 0;
    }
    PrintWriter err = spec.commandLine().getErr();
    errors.forEach(e -> err.println(spec.qualifiedName() + ": " + e));
    err.flush();
    return 1;
  }

  private static List<SwarmService> services(KubernetesClient client, String namespace) {
    return client.resources(SwarmService.class).inNamespace(namespace).list().getItems();
  }
}
