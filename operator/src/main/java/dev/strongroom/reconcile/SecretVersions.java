package dev.strongroom.reconcile;

import dev.strongroom.api.Conditions.Reasons;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.metrics.StrongroomMetrics;
import dev.strongroom.store.SecretMetadata;
import dev.strongroom.store.SecretStore;
import dev.strongroom.store.SecretVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A SwarmSecret's versions in the store: a new one only when its source changed (or, for an
 * imported value, the value did), never on a resync, a restart or a leader change.
 */
final class SecretVersions {
  private final SecretStore store;
  private final SecretValueResolver resolver;
  private final EventRecorder events;
  private final StrongroomMetrics metrics;

  SecretVersions(
      SecretStore store,
      SecretValueResolver resolver,
      EventRecorder events,
      StrongroomMetrics metrics) {
    this.store = store;
    this.resolver = resolver;
    this.events = events;
    this.metrics = metrics;
  }

  /** The stored metadata of the secret's newest version, if any. */
  Optional<SecretMetadata> metadata(SwarmSecret secret) {
    return store
        .readSecretMetadata(
            secret.getMetadata().getNamespace(), List.of(secret.getMetadata().getName()))
        .stream()
        .findFirst();
  }

  /**
   * Adds a version when the source changed and, unless it is generated, gives another value;
   * returns the metadata of the newest version.
   */
  Optional<SecretMetadata> storeIfChanged(SwarmSecret secret, Optional<SecretMetadata> stored)
      throws SecretSourceException {
    if (secret.getSpec() == null || secret.getSpec().getSource() == null) {
      // Only an object admitted before the CRD required a spec.
      throw new SecretSourceException(
          Reasons.SPEC_MISSING,
          "spec.source is missing; set one of sealed, generate or fromSecret");
    }
    String namespace = secret.getMetadata().getNamespace();
    String name = secret.getMetadata().getName();
    String origin = SourceOrigin.of(secret.getSpec().getSource());
    boolean sameOrigin = stored.map(m -> origin.equals(m.latestOrigin())).orElse(false);
    boolean generated = secret.getSpec().getSource().getGenerate() != null;
    boolean imported = secret.getSpec().getSource().getFromSecret() != null;
    if (sameOrigin && !imported) {
      return stored;
    }
    byte[] value = resolver.resolve(secret);
    try {
      // A re-sealed or re-imported equal value is no new version: nothing would change in a pod.
      if (!generated && stored.isPresent() && equalsStored(namespace, name, value)) {
        return stored;
      }
      long version =
          metrics.timeCommit(() -> store.putSecretVersion(namespace, name, value, origin));
      metrics.versionCreated();
      events.normal(secret, "VersionCreated", "version " + version + " stored");
      return metadata(secret);
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }

  /** Forgets the secret and all its versions. */
  void forget(SwarmSecret secret) {
    store.deleteSecret(secret.getMetadata().getNamespace(), secret.getMetadata().getName());
  }

  private boolean equalsStored(String namespace, String name, byte[] value) {
    Optional<SecretVersion> latest = store.readLatestSecretVersion(namespace, name);
    if (latest.isEmpty()) {
      return false;
    }
    try (SecretVersion v = latest.get()) {
      return v.value().contentEquals(value);
    }
  }
}
