package dev.strongroom.delivery;

import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.store.Grant;
import dev.strongroom.store.GrantRevision;
import dev.strongroom.store.GrantedSecrets;
import dev.strongroom.store.KeyMaterial;
import dev.strongroom.store.SecretMetadata;
import dev.strongroom.store.SecretStore;
import dev.strongroom.store.SecretValue;
import dev.strongroom.store.SecretVersion;
import dev.strongroom.store.StoreHealth;
import dev.strongroom.store.StoreLockedException;
import dev.strongroom.store.StoreSize;
import dev.strongroom.store.StoredService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory store with what delivery uses: versions, grant revisions, key material. */
final class TestingSecretStore implements SecretStore {
  private final Map<String, List<byte[]>> versions = new ConcurrentHashMap<>();
  private final Map<String, List<GrantRevision>> revisions = new ConcurrentHashMap<>();
  private final Map<String, List<byte[]>> material = new ConcurrentHashMap<>();
  private volatile boolean hideMaterialOnce;
  volatile boolean locked;

  @Override
  public synchronized long putSecretVersion(
      String namespace, String name, byte[] value, String origin) {
    List<byte[]> list = versions.computeIfAbsent(namespace + "/" + name, k -> new ArrayList<>());
    list.add(value.clone());
    return list.size();
  }

  @Override
  public Optional<SecretVersion> readSecretVersion(String namespace, String name, long version) {
    checkUnlocked();
    List<byte[]> list = versions.get(namespace + "/" + name);
    if (list == null || version < 1 || version > list.size()) {
      return Optional.empty();
    }
    return Optional.of(
        new SecretVersion(
            namespace,
            name,
            version,
            Instant.EPOCH,
            SecretValue.copyOf(list.get((int) version - 1))));
  }

  @Override
  public Optional<SecretVersion> readLatestSecretVersion(String namespace, String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<SecretMetadata> listSecrets(String namespace) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<SecretMetadata> readSecretMetadata(String namespace, Collection<String> names) {
    throw new UnsupportedOperationException("delivery reads no secret metadata");
  }

  @Override
  public synchronized boolean deleteSecret(String namespace, String name) {
    return versions.remove(namespace + "/" + name) != null;
  }

  @Override
  public synchronized long recordGrantRevision(
      String namespace, String service, String serviceUid, List<Grant> grants, int retain) {
    List<GrantRevision> list =
        revisions.computeIfAbsent(namespace + "/" + service, k -> new ArrayList<>());
    list.add(
        new GrantRevision(namespace, service, serviceUid, list.size() + 1, grants, Instant.EPOCH));
    return list.size();
  }

  @Override
  public boolean forgetService(String namespace, String service, long expectedLatest) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<StoredService> listServices() {
    throw new UnsupportedOperationException();
  }

  @Override
  public StoreSize size() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<GrantRevision> readGrantRevision(
      String namespace, String service, long revision) {
    checkUnlocked();
    List<GrantRevision> list = revisions.get(namespace + "/" + service);
    if (list == null || revision < 1 || revision > list.size()) {
      return Optional.empty();
    }
    return Optional.of(list.get((int) revision - 1));
  }

  @Override
  public synchronized Optional<GrantedSecrets> readGrantedSecrets(
      String namespace, String service, long revision) {
    return readGrantRevision(namespace, service, revision)
        .map(
            r ->
                new GrantedSecrets(
                    r,
                    r.grants().stream()
                        .map(g -> readSecretVersion(namespace, g.secretName(), g.secretVersion()))
                        .toList()));
  }

  @Override
  public Optional<GrantRevision> readLatestGrantRevision(String namespace, String service) {
    throw new UnsupportedOperationException();
  }

  @Override
  public synchronized long putKeyMaterial(String name, byte[] bytes) {
    List<byte[]> list = material.computeIfAbsent(name, k -> new ArrayList<>());
    list.add(bytes.clone());
    return list.size();
  }

  @Override
  public synchronized long putKeyMaterialIfLatest(String name, long expectedLatest, byte[] bytes) {
    checkUnlocked();
    List<byte[]> list = material.get(name);
    if ((list == null ? 0 : list.size()) != expectedLatest) {
      return 0;
    }
    return putKeyMaterial(name, bytes);
  }

  @Override
  public Optional<KeyMaterial> readKeyMaterial(String name) {
    checkUnlocked();
    if (hideMaterialOnce) {
      hideMaterialOnce = false;
      return Optional.empty();
    }
    List<byte[]> list = material.get(name);
    if (list == null || list.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new KeyMaterial(
            name, list.size(), Instant.EPOCH, SecretValue.copyOf(list.get(list.size() - 1))));
  }

  @Override
  public StoreHealth health() {
    return new StoreHealth(locked, true, true, true);
  }

  @Override
  public boolean isLocked() {
    return locked;
  }

  @Override
  public void unlock(KeyEncryptionKey kek) {
    locked = false;
  }

  @Override
  public void rotateDataKey() {}

  @Override
  public void rotateKeyEncryptionKey(KeyEncryptionKey newKek) {}

  @Override
  public void close() {}

  private void checkUnlocked() {
    if (locked) {
      throw new StoreLockedException("locked");
    }
  }

  /**
   * The next key-material read answers "absent", as it did for a replica that read just before
   * another one created the material: the interleaving of two replicas starting at once.
   */
  void hideMaterialFromTheNextRead() {
    hideMaterialOnce = true;
  }
}
