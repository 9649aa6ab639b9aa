package dev.strongroom.reconcile;

import dev.strongroom.crypto.SealingKeyring;
import dev.strongroom.store.KeyMaterial;
import dev.strongroom.store.SecretStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's sealing keyring: created in the store on first start, its current public key
 * published in the ConfigMap {@code strongroom-sealing-key} so the CLI can seal to it.
 */
public final class SealingKeys {
  static final String MATERIAL_NAME = "sealing-keyring";
  public static final String CONFIG_MAP = "strongroom-sealing-key";
  public static final String PUBLIC_KEY = "public-key";
  public static final String KEY_ID = "key-id";

  private final SecretStore store;
  private final SecureRandom random;
  private volatile SealingKeyring keyring;
  private volatile long version;

  private record Stored(long version, SealingKeyring keyring) {}

  public SealingKeys(SecretStore store, SecureRandom random) {
    this.store = store;
    this.random = random;
  }

  /** Loads the keyring, creating it on the very first start. */
  public SealingKeyring ensure() {
    Optional<Stored> existing = load();
    if (existing.isPresent()) {
      adopt(existing.get());
    } else {
      save(0, SealingKeyring.generate(random));
    }
    return keyring;
  }

  /**
   * Adds a key pair that new values are sealed to; older values keep opening. When another replica
   * rotated at the same moment, its keyring stands (a second new pair would add nothing).
   */
  public SealingKeyring rotate() {
    SealingKeyring base = current();
    save(version, base.rotate(random));
    return keyring;
  }

  /** Writes {@code next} after {@code expected}, or adopts what another replica wrote first. */
  private void save(long expected, SealingKeyring next) {
    byte[] encoded = next.encode();
    long written;
    try {
      written = store.putKeyMaterialIfLatest(MATERIAL_NAME, expected, encoded);
    } finally {
      java.util.Arrays.fill(encoded, (byte) 0);
    }
    if (written > 0) {
      adopt(new Stored(written, next));
    } else {
      adopt(load().orElseThrow(() -> new IllegalStateException("sealing keyring vanished")));
    }
  }

  private void adopt(Stored stored) {
    version = stored.version();
    keyring = stored.keyring();
  }

  /** The keyring as last loaded; reloaded from the store when another replica rotated it. */
  public SealingKeyring current() {
    SealingKeyring k = keyring;
    return k != null ? k : ensure();
  }

  /** Re-reads the keyring from the store (after an envelope named an unknown key id). */
  public SealingKeyring reload() {
    load().ifPresent(this::adopt);
    return current();
  }

  /** Publishes the current public key in the operator's namespace. */
  public void publish(KubernetesClient client, String namespace) {
    SealingKeyring k = current();
    ConfigMap map =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(CONFIG_MAP)
            .withNamespace(namespace)
            .withLabels(Map.of("app.kubernetes.io/managed-by", "strongroom"))
            .endMetadata()
            .withData(
                Map.of(PUBLIC_KEY, k.current().publicKey().toBase64(), KEY_ID, k.current().id()))
            .build();
    client.resource(map).fieldManager(Fields.MANAGER).forceConflicts().serverSideApply();
  }

  private Optional<Stored> load() {
    return store
        .readKeyMaterial(MATERIAL_NAME)
        .map(
            material -> {
              try (KeyMaterial m = material) {
                byte[] bytes = m.material().bytes();
                try {
                  return new Stored(m.version(), SealingKeyring.decode(bytes));
                } finally {
                  java.util.Arrays.fill(bytes, (byte) 0);
                }
              }
            });
  }
}
