package dev.strongroom.store;

import dev.strongroom.crypto.KeyEncryptionKey;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Strongroom's source of truth: secret versions, grant revisions and key material.
 *
 * <p>Writes return once a majority of peers has made them durable; every read is linearizable.
 * Every method throws {@link StoreLockedException} until {@link #unlock} succeeded.
 */
public interface SecretStore extends AutoCloseable {
  /**
   * Stores a new version of a secret (creating the secret) and returns its version number. {@code
   * origin} says what produced the value without revealing it (for example the generator's
   * parameters), so a caller can tell a changed source from an unchanged one.
   */
  long putSecretVersion(String namespace, String name, byte[] value, String origin);

  /** {@link #putSecretVersion(String, String, byte[], String)} with no origin. */
  default long putSecretVersion(String namespace, String name, byte[] value) {
    return putSecretVersion(namespace, name, value, "");
  }

  /**
   * One version of a secret, or empty when the secret or the version does not exist (a superseded
   * version exists only while a grant revision names it).
   */
  Optional<SecretVersion> readSecretVersion(String namespace, String name, long version);

  /** The newest version of a secret, or empty when it does not exist. */
  Optional<SecretVersion> readLatestSecretVersion(String namespace, String name);

  /** The secrets of a namespace with their metadata (never their values), sorted by name. */
  List<SecretMetadata> listSecrets(String namespace);

  /** The metadata of just these secrets of a namespace (the ones that exist), sorted by name. */
  List<SecretMetadata> readSecretMetadata(String namespace, Collection<String> names);

  /**
   * Deletes a secret and all its versions; false when it did not exist. A secret no grant revision
   * names is forgotten whole, so one created again under its name starts at version 1; otherwise
   * its numbers stay taken until the last revision naming them goes.
   */
  boolean deleteSecret(String namespace, String name);

  /**
   * Records a service's new grant set, for the SwarmService with {@code serviceUid} (its pods alone
   * receive it), and returns its revision number (1, 2, ...), then keeps only the service's newest
   * {@code retain} revisions (0: all of them). Throws {@link InvalidRequestException} when a grant
   * names a version the store does not hold: a version is kept while it is the newest or a retained
   * grant revision names it, so one superseded before anything granted it is gone.
   */
  long recordGrantRevision(
      String namespace, String service, String serviceUid, List<Grant> grants, int retain);

  /**
   * {@link #recordGrantRevision(String, String, String, List, int)} for no service UID in
   * particular, keeping every revision of the service.
   */
  default long recordGrantRevision(String namespace, String service, List<Grant> grants) {
    return recordGrantRevision(namespace, service, "", grants, 0);
  }

  /**
   * Forgets every grant revision of a service that was deleted, and the secret versions only they
   * named, if its newest revision is still {@code expectedLatest} (from {@link #listServices});
   * false when it is not (the service was created again and recorded a newer one) or has none.
   */
  boolean forgetService(String namespace, String service, long expectedLatest);

  /** Every service the store holds grant revisions for (names and revision numbers only). */
  List<StoredService> listServices();

  /** One grant revision of a service, or empty. */
  Optional<GrantRevision> readGrantRevision(String namespace, String service, long revision);

  /**
   * One grant revision of a service with the secret versions it grants, in one linearizable read
   * (what a pod of that revision receives), or empty when the revision does not exist.
   */
  Optional<GrantedSecrets> readGrantedSecrets(String namespace, String service, long revision);

  /** A service's newest grant revision, or empty. */
  Optional<GrantRevision> readLatestGrantRevision(String namespace, String service);

  /** Stores a new version of a named key-material blob and returns its version number. */
  long putKeyMaterial(String name, byte[] material);

  /**
   * Adds a version of a named key-material blob only if its newest version is {@code
   * expectedLatest} (0: it does not exist yet), and returns the new version, or 0 when another
   * writer got there first (read the blob again and decide anew). Replicas that create or rotate
   * the same material concurrently use it so that none silently replaces another's.
   */
  long putKeyMaterialIfLatest(String name, long expectedLatest, byte[] material);

  /** The newest version of a named key-material blob, or empty. */
  Optional<KeyMaterial> readKeyMaterial(String name);

  /** This peer's view of the store: leader, catch-up and lock state. Never blocks. */
  StoreHealth health();

  /**
   * What this peer holds, as applied so far (not a linearizable read; {@link StoreSize#EMPTY} while
   * locked). Never blocks on other peers.
   */
  StoreSize size();

  /** Whether the store waits for {@link #unlock}. */
  boolean isLocked();

  /** Unlocks with the key-encryption key; throws {@link WrongKeyException} on a wrong one. */
  void unlock(KeyEncryptionKey kek);

  /** Starts encrypting new entries under a fresh data key; old entries stay readable. */
  void rotateDataKey();

  /** Re-wraps every data key under {@code newKek}; peers then need {@code newKek} to unlock. */
  void rotateKeyEncryptionKey(KeyEncryptionKey newKek);

  @Override
  void close();
}
