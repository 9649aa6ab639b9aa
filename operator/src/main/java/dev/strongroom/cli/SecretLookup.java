package dev.strongroom.cli;

import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Finds secrets as Docker does (by name or ID prefix) and the services that use them. */
final class SecretLookup {
  private SecretLookup() {}

  /**
   * The secret {@code name} names: its {@code metadata.name}, its Swarm name, or a unique prefix of
   * its ID.
   */
  static Optional<SwarmSecret> find(List<SwarmSecret> secrets, String name) {
    for (SwarmSecret secret : secrets) {
      if (secret.getMetadata().getName().equals(name)) {
        return Optional.of(secret);
      }
    }
    for (SwarmSecret secret : secrets) {
      if (secret.swarmName().equals(name)) {
        return Optional.of(secret);
      }
    }
    List<SwarmSecret> byId = secrets.stream().filter(s -> ShortIds.matches(s, name)).toList();
    if (byId.size() > 1) {
      throw new UserError("ID prefix '" + name + "' matches several secrets; give more of it");
    }
    return byId.stream().findFirst();
  }

  /**
   * The services that use {@code secret}: those whose grants name it (by metadata or Swarm name),
   * and those the operator last recorded in {@code status.usedBy}; sorted.
   */
  static List<String> usedBy(SwarmSecret secret, List<SwarmService> services) {
    TreeSet<String> names = new TreeSet<>();
    if (secret.getStatus() != null && secret.getStatus().getUsedBy() != null) {
      names.addAll(secret.getStatus().getUsedBy());
    }
    for (SwarmService service : services) {
      if (service.getSpec() != null
          && service.getSpec().getSecrets() != null
          && service.getSpec().getSecrets().stream()
              .anyMatch(
                  g ->
                      g.getSource().equals(secret.getMetadata().getName())
                          || g.getSource().equals(secret.swarmName()))) {
        names.add(service.getMetadata().getName());
      }
    }
    return List.copyOf(names);
  }
}
