package dev.strongroom.reconcile;

import dev.strongroom.api.Conditions.Reasons;
import dev.strongroom.api.GrantStatus;
import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import dev.strongroom.store.Grant;
import dev.strongroom.store.SecretMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's grants resolved against the secrets of its namespace: each grant names a secret by
 * its metadata name or Swarm name, and takes that secret's newest stored version.
 */
record GrantResolution(List<Grant> grants, long valueBytes, String problemReason, String problem) {
  boolean resolved() {
    return problem == null;
  }

  static GrantResolution of(
      SwarmService service, Collection<SwarmSecret> secrets, Map<String, SecretMetadata> stored) {
    List<Grant> grants = new ArrayList<>();
    long bytes = 0;
    List<String> missing = new ArrayList<>();
    List<String> notReady = new ArrayList<>();
    List<SecretGrant> wanted =
        service.getSpec().getSecrets() == null ? List.of() : service.getSpec().getSecrets();
    for (SecretGrant grant : wanted) {
      Optional<SwarmSecret> secret = find(secrets, grant.getSource());
      if (secret.isEmpty()) {
        missing.add(grant.getSource());
        continue;
      }
      SecretMetadata metadata = stored.get(secret.get().getMetadata().getName());
      if (metadata == null || secret.get().getMetadata().getDeletionTimestamp() != null) {
        notReady.add(grant.getSource());
        continue;
      }
      grants.add(
          new Grant(
              metadata.name(),
              metadata.latestVersion(),
              grant.effectiveTarget(),
              orDefault(grant.getUid()),
              orDefault(grant.getGid()),
              grant.getMode() == null ? 0444 : grant.getMode()));
      bytes += metadata.latestSize();
    }
    if (!missing.isEmpty()) {
      return new GrantResolution(
          List.of(),
          0,
          Reasons.SECRET_NOT_FOUND,
          names(missing)
              + " not found in namespace "
              + service.getMetadata().getNamespace()
              + "; create "
              + (missing.size() == 1 ? "it" : "them")
              + " or remove the grant");
    }
    if (!notReady.isEmpty()) {
      return new GrantResolution(
          List.of(),
          0,
          Reasons.SECRET_NOT_READY,
          names(notReady)
              + " has no stored value yet or is being deleted; see its Ready condition");
    }
    return new GrantResolution(grants, bytes, null, null);
  }

  /** The grants as the service's status shows them. */
  static List<GrantStatus> toStatus(List<Grant> grants) {
    return grants.stream()
        .map(
            g -> {
              GrantStatus s = new GrantStatus();
              s.setSecret(g.secretName());
              s.setVersion(g.secretVersion());
              s.setTarget(g.target());
              s.setUid(g.uid());
              s.setGid(g.gid());
              s.setMode(g.mode());
              return s;
            })
        .toList();
  }

  private static Optional<SwarmSecret> find(Collection<SwarmSecret> secrets, String source) {
    Optional<SwarmSecret> byName =
        secrets.stream().filter(s -> s.getMetadata().getName().equals(source)).findFirst();
    return byName.isPresent()
        ? byName
        : secrets.stream().filter(s -> source.equals(s.swarmName())).findFirst();
  }

  private static String names(List<String> names) {
    return (names.size() == 1 ? "secret '" : "secrets '") + String.join("', '", names) + "'";
  }

  private static String orDefault(String id) {
    return id == null ? "0" : id;
  }
}
