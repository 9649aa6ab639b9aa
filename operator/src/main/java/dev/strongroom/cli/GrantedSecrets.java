package dev.strongroom.cli;

import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** Refuses grants of secrets that do not exist, as {@code docker service create} does. */
final class GrantedSecrets {
  private GrantedSecrets() {}

  static void requireExisting(KubernetesClient client, String namespace, List<SecretGrant> grants) {
    if (grants.isEmpty()) {
      return;
    }
    List<SwarmSecret> secrets =
        client.resources(SwarmSecret.class).inNamespace(namespace).list().getItems();
    List<String> missing =
        grants.stream()
            .map(SecretGrant::getSource)
            .filter(source -> SecretLookup.find(secrets, source).isEmpty())
            .distinct()
            .toList();
    if (!missing.isEmpty()) {
      throw new UserError(
          "secret not found: "
              + String.join(", ", missing)
              + " (namespace "
              + namespace
              + "; create it with strongroom secret create)");
    }
  }

  /** The services of a namespace. */
  static List<SwarmService> services(KubernetesClient client, String namespace) {
    return client.resources(SwarmService.class).inNamespace(namespace).list().getItems();
  }
}
