package dev.strongroom.reconcile;

import dev.strongroom.api.GrantStatus;
import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Which secrets a service names: in its spec (what it wants) and its status (what it had). */
final class Grants {
  /** The index of services by the names their grants use: {@link #sourceKeys}. */
  static final String GRANTED_SOURCE_INDEX = "granted-source";

  private Grants() {}

  /** A service's keys in {@link #GRANTED_SOURCE_INDEX}: its namespace with each name it grants. */
  static List<String> sourceKeys(SwarmService service) {
    return sourcesOf(service).stream()
        .map(source -> key(service.getMetadata().getNamespace(), source))
        .toList();
  }

  /** An index key: a name within a namespace. */
  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

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

  /** Whether an update changed which secrets a service names (in spec or status) or deleted it. */
  static boolean namesChanged(SwarmService a, SwarmService b) {
    return !sourcesOf(a).equals(sourcesOf(b))
        || !grantedOf(a).equals(grantedOf(b))
        || deleting(a) != deleting(b);
  }

  /** Whether an update changed what a grant of this secret resolves to. */
  static boolean grantableChanged(SwarmSecret a, SwarmSecret b) {
    return !Objects.equals(version(a), version(b))
        || !Objects.equals(a.swarmName(), b.swarmName())
        || deleting(a) != deleting(b);
  }

  private static Long version(SwarmSecret secret) {
    return secret.getStatus() == null ? null : secret.getStatus().getVersion();
  }

  private static boolean deleting(HasMetadata resource) {
    return resource.getMetadata().getDeletionTimestamp() != null;
  }
}
