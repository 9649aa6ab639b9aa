package dev.strongroom.reconcile;

import dev.strongroom.api.GrantStatus;
import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import java.util.Set;
import java.util.TreeSet;

/** Which secrets a service names: in its spec (what it wants) and its status (what it had). */
final class Grants {
  private Grants() {}

  /** The names a service's grants use as written: metadata names or Swarm names. */
  static Set<String> sourcesOf(SwarmService service) {
    Set<String> names = new TreeSet<>();
    if (service.getSpec() != null && service.getSpec().getSecrets() != null) {
      service.getSpec().getSecrets().stream().map(SecretGrant::getSource).forEach(names::add);
    }
    return names;
  }

  /** The metadata names of the secrets the service's last recorded revision granted. */
  static Set<String> grantedOf(SwarmService service) {
    Set<String> names = new TreeSet<>();
    if (service.getStatus() != null && service.getStatus().getGrants() != null) {
      service.getStatus().getGrants().stream().map(GrantStatus::getSecret).forEach(names::add);
    }
    return names;
  }

  /** Whether the service's spec grants this secret, by its metadata name or its Swarm name. */
  static boolean grants(SwarmService service, SwarmSecret secret) {
    Set<String> sources = sourcesOf(service);
    return sources.contains(secret.getMetadata().getName()) || sources.contains(secret.swarmName());
  }
}
