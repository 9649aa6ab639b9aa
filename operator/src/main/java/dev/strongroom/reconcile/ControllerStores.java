package dev.strongroom.reconcile;

import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The informer stores of the two controllers, each filled by its own controller's informer and read
 * by both: the SwarmSecret controller asks which services grant a secret, the SwarmService
 * controller which secrets a grant names. One informer per kind, not one per kind and controller.
 */
public final class ControllerStores {
  /** The index of secrets by the names a grant may use: metadata name and Swarm name. */
  static final String SECRET_NAME_INDEX = "secret-name";

  final IndexedItemStore<SwarmSecret> secrets =
      new IndexedItemStore<>(Map.of(SECRET_NAME_INDEX, ControllerStores::nameKeys));

  /**
   * By the names their grants use: which services grant a secret is asked on every reconcile of a
   * secret, so an index, not a scan of every service in the namespace (10,000 secrets and 2,000
   * services made 20 million checks per pass).
   */
  final IndexedItemStore<SwarmService> services =
      new IndexedItemStore<>(Map.of(Grants.GRANTED_SOURCE_INDEX, Grants::sourceKeys));

  /** Whether the SwarmSecret controller's informer has listed (so {@link #secrets} is whole). */
  final InformerListing secretsListing = new InformerListing("SwarmSecret");

  /** Whether the SwarmService controller's informer has listed (so {@link #services} is whole). */
  final InformerListing servicesListing = new InformerListing("SwarmService");

  /** The secrets of {@code namespace} that a grant naming {@code name} may mean. */
  List<SwarmSecret> secretsNamed(String namespace, String name) {
    return secrets.byIndex(SECRET_NAME_INDEX, Grants.key(namespace, name));
  }

  /** The services whose grants name {@code secret}, by metadata name or Swarm name, each once. */
  Collection<SwarmService> servicesGranting(SwarmSecret secret) {
    Map<String, SwarmService> byName = new HashMap<>();
    // A grant names a secret by the same namespace/name keys the secrets' own index uses.
    for (String key : nameKeys(secret)) {
      for (SwarmService service : services.byIndex(Grants.GRANTED_SOURCE_INDEX, key)) {
        byName.putIfAbsent(service.getMetadata().getName(), service);
      }
    }
    return byName.values();
  }

  private static List<String> nameKeys(SwarmSecret secret) {
    String namespace = secret.getMetadata().getNamespace();
    String name = secret.getMetadata().getName();
    String swarmName = secret.swarmName();
    return name.equals(swarmName)
        ? List.of(Grants.key(namespace, name))
        : List.of(Grants.key(namespace, name), Grants.key(namespace, swarmName));
  }
}
