package dev.strongroom.store;

import dev.strongroom.store.Command.DeleteSecret;
import dev.strongroom.store.Command.ForgetService;
import dev.strongroom.store.Command.PutKeyMaterial;
import dev.strongroom.store.Command.PutSecretVersion;
import dev.strongroom.store.Command.RecordGrantRevision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The plain domain object behind the state machine: secrets with their versions, grant revisions
 * and key material. Not thread-safe; the state machine guards it. Deterministic: the same commands
 * in the same order give the same state.
 *
 * <p>A secret keeps its newest version and every version a grant revision names; a version that is
 * superseded while no grant revision names it can never be delivered, so it is wiped and dropped
 * (as Swarm removes a secret no service uses). A grant revision may only name versions the store
 * holds. A service keeps the revisions its commands retain, and none once it is forgotten; a
 * version that only dropped revisions named goes with them, and a deleted secret that no revision
 * names any more is forgotten whole, its version numbers with it (nothing can ask for them).
 */
final class StoreState {
  /** 2 adds each grant revision's service UID; 1 (without) is still read. */
  static final int SNAPSHOT_FORMAT_VERSION = 2;

  /** What {@link #recordGrantRevision} returns for a grant of a version the store does not hold. */
  static final long MISSING_VERSION = 0;

  private final TreeMap<String, SecretRecord> secrets = new TreeMap<>();
  private final Map<String, TreeMap<Long, GrantRevision>> grants = new TreeMap<>();
  private final Map<String, TreeMap<Long, Blob>> keyMaterial = new TreeMap<>();

  private static final class SecretRecord {
    final String namespace;
    final String name;
    final TreeMap<Long, Blob> versions = new TreeMap<>();

    /** How many grant revisions name each version (one naming it twice counts twice). */
    final Map<Long, Integer> granted = new HashMap<>();

    long lastVersion;
    long createdAt;
    long updatedAt;

    SecretRecord(String namespace, String name) {
      this.namespace = namespace;
      this.name = name;
    }
  }

  /** A stored value; {@code origin} is what produced it (empty for key material). */
  private record Blob(byte[] bytes, long createdAt, String origin) {}

  /**
   * Applies a command just decoded from the log and returns its result (a version, a revision, or
   * 1/0 for a delete). Takes over the command's byte arrays: a secret value is kept as it is, not
   * copied, and key material is copied and then wiped, so no plaintext copy is left behind.
   */
  long apply(Command command) {
    if (command instanceof PutSecretVersion p) {
      return keepSecretVersion(p.namespace(), p.name(), p.value(), p.origin(), p.timeMillis());
    } else if (command instanceof DeleteSecret d) {
      return deleteSecret(d.namespace(), d.name(), d.forgetUnnamed()) ? 1 : 0;
    } else if (command instanceof RecordGrantRevision r) {
      return recordGrantRevision(
          r.namespace(), r.service(), r.serviceUid(), r.grants(), r.timeMillis(), r.retain());
    } else if (command instanceof ForgetService f) {
      return forgetService(f.namespace(), f.service(), f.expectedLatest()) ? 1 : 0;
    } else if (command instanceof PutKeyMaterial k) {
      try {
        return putKeyMaterial(k.name(), k.material(), k.timeMillis(), k.expectedLatest());
      } finally {
        Arrays.fill(k.material(), (byte) 0);
      }
    }
    throw new IllegalArgumentException("unknown command type");
  }

  long putSecretVersion(
      String namespace, String name, byte[] value, String origin, long timeMillis) {
    return keepSecretVersion(namespace, name, value.clone(), origin, timeMillis);
  }

  /** Stores {@code value} itself as the new version: the caller hands it over. */
  private long keepSecretVersion(
      String namespace, String name, byte[] value, String origin, long timeMillis) {
    SecretRecord record =
        secrets.computeIfAbsent(key(namespace, name), k -> new SecretRecord(namespace, name));
    if (record.versions.isEmpty()) {
      record.createdAt = timeMillis;
    } else {
      dropIfUngranted(record, record.versions.lastKey());
    }
    long version = ++record.lastVersion;
    record.versions.put(version, new Blob(value, timeMillis, origin));
    record.updatedAt = timeMillis;
    return version;
  }

  /**
   * Counts the versions {@code set} names (of the secrets that still exist) as granted once more.
   */
  private void markGranted(String namespace, List<Grant> set) {
    for (Grant grant : set) {
      SecretRecord record = secrets.get(key(namespace, grant.secretName()));
      if (record != null) {
        record.granted.merge(grant.secretVersion(), 1, Integer::sum);
      }
    }
  }

  /**
   * Undoes {@link #markGranted} for a dropped revision: a superseded version no revision names any
   * more is wiped and dropped, and a deleted secret no revision names is forgotten.
   */
  private void releaseGranted(String namespace, List<Grant> set) {
    for (Grant grant : set) {
      String key = key(namespace, grant.secretName());
      SecretRecord record = secrets.get(key);
      if (record == null) {
        continue;
      }
      long version = grant.secretVersion();
      if (record.granted.merge(version, -1, Integer::sum) <= 0) {
        record.granted.remove(version);
        if (record.versions.containsKey(version) && version != record.versions.lastKey()) {
          dropIfUngranted(record, version);
        }
      }
      forgetIfUnused(key, record);
    }
  }

  /** Wipes and drops a superseded version that no grant revision names. */
  private static void dropIfUngranted(SecretRecord record, long version) {
    if (!record.granted.containsKey(version)) {
      Arrays.fill(record.versions.remove(version).bytes(), (byte) 0);
    }
  }

  /** Forgets a deleted secret once no revision names any of its versions. */
  private void forgetIfUnused(String key, SecretRecord record) {
    if (record.versions.isEmpty() && record.granted.isEmpty()) {
      secrets.remove(key);
    }
  }

  /**
   * Removes all versions. While a grant revision names one of them the version counter survives, so
   * numbers are never reused; with {@code forgetUnnamed} a secret no revision names is forgotten
   * whole at once, and otherwise once a dropped revision was the last to name it. (Without it the
   * counter of a secret nothing names stays: what entries written before the choice mean, so a peer
   * replaying an older log agrees with one that loads a snapshot.)
   */
  boolean deleteSecret(String namespace, String name, boolean forgetUnnamed) {
    String key = key(namespace, name);
    SecretRecord record = secrets.get(key);
    if (record == null) {
      return false;
    }
    boolean deleted = !record.versions.isEmpty();
    record.versions.values().forEach(b -> Arrays.fill(b.bytes(), (byte) 0));
    record.versions.clear();
    if (forgetUnnamed) {
      forgetIfUnused(key, record); // also what an old delete left behind
    }
    return deleted;
  }

  /** A revision for no service in particular, keeping every revision. */
  long recordGrantRevision(String namespace, String service, List<Grant> set, long timeMillis) {
    return recordGrantRevision(
        namespace, service, "", set, timeMillis, RecordGrantRevision.RETAIN_ALL);
  }

  /**
   * Records a new revision and returns its number, or {@link #MISSING_VERSION} (recording nothing)
   * when it names a version the store does not hold: superseded before anything granted it, or
   * deleted. The caller resolves the grants again. Then keeps the service's newest {@code retain}
   * revisions ({@link RecordGrantRevision#RETAIN_ALL}: all).
   */
  long recordGrantRevision(
      String namespace,
      String service,
      String serviceUid,
      List<Grant> set,
      long timeMillis,
      int retain) {
    for (Grant grant : set) {
      SecretRecord record = secrets.get(key(namespace, grant.secretName()));
      if (record == null || !record.versions.containsKey(grant.secretVersion())) {
        return MISSING_VERSION;
      }
    }
    markGranted(namespace, set);
    TreeMap<Long, GrantRevision> revisions =
        grants.computeIfAbsent(key(namespace, service), k -> new TreeMap<>());
    long revision = revisions.isEmpty() ? 1 : revisions.lastKey() + 1;
    revisions.put(
        revision,
        new GrantRevision(
            namespace, service, serviceUid, revision, set, Instant.ofEpochMilli(timeMillis)));
    while (retain != RecordGrantRevision.RETAIN_ALL && revisions.size() > retain) {
      releaseGranted(namespace, revisions.pollFirstEntry().getValue().grants());
    }
    return revision;
  }

  /**
   * Forgets every revision of a service whose newest is {@code expectedLatest}, releasing the
   * versions they named; false (and nothing changes) when it has none or a newer one. Its numbers
   * start again at 1: a pod of the forgotten service cannot ask for them, since delivery checks
   * that the service it belongs to is the one by that name now.
   */
  boolean forgetService(String namespace, String service, long expectedLatest) {
    String key = key(namespace, service);
    TreeMap<Long, GrantRevision> revisions = grants.get(key);
    if (revisions == null || revisions.isEmpty() || revisions.lastKey() != expectedLatest) {
      return false;
    }
    grants.remove(key);
    revisions.values().forEach(r -> releaseGranted(namespace, r.grants()));
    return true;
  }

  /** What the state holds, counted now (a pass over it: for metrics, not for every request). */
  StoreSize size() {
    long live = 0;
    long versions = 0;
    long bytes = 0;
    for (SecretRecord record : secrets.values()) {
      live += record.versions.isEmpty() ? 0 : 1;
      versions += record.versions.size();
      for (Blob blob : record.versions.values()) {
        bytes += blob.bytes().length;
      }
    }
    long services = 0;
    long revisions = 0;
    for (TreeMap<Long, GrantRevision> held : grants.values()) {
      services += held.isEmpty() ? 0 : 1;
      revisions += held.size();
    }
    return new StoreSize(live, versions, bytes, services, revisions);
  }

  /** Every service with grant revisions, in namespace and name order. */
  List<StoredService> listServices() {
    List<StoredService> out = new ArrayList<>(grants.size());
    for (TreeMap<Long, GrantRevision> revisions : grants.values()) {
      if (!revisions.isEmpty()) {
        GrantRevision latest = revisions.lastEntry().getValue();
        out.add(
            new StoredService(
                latest.namespace(),
                latest.service(),
                revisions.firstKey(),
                latest.revision(),
                revisions.size()));
      }
    }
    return out;
  }

  long putKeyMaterial(String name, byte[] material, long timeMillis) {
    return putKeyMaterial(name, material, timeMillis, PutKeyMaterial.ANY);
  }

  /**
   * The new version, or 0 when {@code expectedLatest} is not {@link PutKeyMaterial#ANY} and the
   * newest version (0 for none) differs from it.
   */
  long putKeyMaterial(String name, byte[] material, long timeMillis, long expectedLatest) {
    TreeMap<Long, Blob> existing = keyMaterial.get(name);
    long latest = existing == null || existing.isEmpty() ? 0 : existing.lastKey();
    if (expectedLatest != PutKeyMaterial.ANY && expectedLatest != latest) {
      return 0;
    }
    TreeMap<Long, Blob> versions = keyMaterial.computeIfAbsent(name, k -> new TreeMap<>());
    long version = latest + 1;
    versions.put(version, new Blob(material.clone(), timeMillis, ""));
    return version;
  }

  /** A copy of one version (0 = newest). */
  Optional<SecretVersion> readSecret(String namespace, String name, long version) {
    SecretRecord record = secrets.get(key(namespace, name));
    if (record == null || record.versions.isEmpty()) {
      return Optional.empty();
    }
    long v = version == 0 ? record.versions.lastKey() : version;
    Blob blob = record.versions.get(v);
    if (blob == null) {
      return Optional.empty();
    }
    return Optional.of(
        new SecretVersion(
            namespace,
            name,
            v,
            Instant.ofEpochMilli(blob.createdAt()),
            SecretValue.copyOf(blob.bytes())));
  }

  /** All of the namespace's secrets, in name order. */
  List<SecretMetadata> listSecrets(String namespace) {
    return listSecrets(namespace, List.of());
  }

  /** The namespace's secrets in name order: all, or only {@code names} when it is not empty. */
  List<SecretMetadata> listSecrets(String namespace, List<String> names) {
    // Keys are "namespace/name" and '0' follows '/', so this range is exactly the namespace.
    Iterable<SecretRecord> records =
        names.isEmpty()
            ? secrets.subMap(namespace + "/", namespace + "0").values()
            : names.stream()
                .sorted()
                .distinct()
                .map(name -> secrets.get(key(namespace, name)))
                .filter(java.util.Objects::nonNull)
                .toList();
    List<SecretMetadata> out = new ArrayList<>();
    for (SecretRecord r : records) {
      if (!r.versions.isEmpty()) {
        Blob latest = r.versions.lastEntry().getValue();
        out.add(
            new SecretMetadata(
                r.namespace,
                r.name,
                r.versions.lastKey(),
                List.copyOf(r.versions.keySet()),
                Instant.ofEpochMilli(r.createdAt),
                Instant.ofEpochMilli(r.updatedAt),
                latest.origin(),
                latest.bytes().length));
      }
    }
    return out;
  }

  Optional<GrantRevision> readGrants(String namespace, String service, long revision) {
    TreeMap<Long, GrantRevision> revisions = grants.get(key(namespace, service));
    if (revisions == null || revisions.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(revisions.get(revision == 0 ? revisions.lastKey() : revision));
  }

  Optional<KeyMaterial> readKeyMaterial(String name, long version) {
    TreeMap<Long, Blob> versions = keyMaterial.get(name);
    if (versions == null || versions.isEmpty()) {
      return Optional.empty();
    }
    long v = version == 0 ? versions.lastKey() : version;
    Blob blob = versions.get(v);
    return blob == null
        ? Optional.empty()
        : Optional.of(
            new KeyMaterial(
                name, v, Instant.ofEpochMilli(blob.createdAt()), SecretValue.copyOf(blob.bytes())));
  }

  /** Writes the whole state in the versioned snapshot format (plaintext; the caller encrypts). */
  void writeTo(WireFormat.Writer w) {
    w.u8(SNAPSHOT_FORMAT_VERSION).i32(secrets.size());
    for (SecretRecord r : secrets.values()) {
      w.string(r.namespace).string(r.name).i64(r.lastVersion).i64(r.createdAt).i64(r.updatedAt);
      w.i32(r.versions.size());
      for (Map.Entry<Long, Blob> e : r.versions.entrySet()) {
        w.i64(e.getKey()).bytes(e.getValue().bytes()).i64(e.getValue().createdAt());
        w.string(e.getValue().origin());
      }
    }
    w.i32(grants.size());
    for (TreeMap<Long, GrantRevision> revisions : grants.values()) {
      w.i32(revisions.size());
      for (GrantRevision g : revisions.values()) {
        w.string(g.namespace()).string(g.service()).string(g.serviceUid()).i64(g.revision());
        w.i64(g.recordedAt().toEpochMilli()).i32(g.grants().size());
        g.grants().forEach(grant -> CommandCodec.writeGrant(w, grant));
      }
    }
    w.i32(keyMaterial.size());
    for (Map.Entry<String, TreeMap<Long, Blob>> e : keyMaterial.entrySet()) {
      w.string(e.getKey()).i32(e.getValue().size());
      for (Map.Entry<Long, Blob> v : e.getValue().entrySet()) {
        w.i64(v.getKey()).bytes(v.getValue().bytes()).i64(v.getValue().createdAt());
      }
    }
  }

  /** Reads what {@link #writeTo} wrote; rejects other versions and malformed input. */
  static StoreState readFrom(WireFormat.Reader r) {
    int version = r.u8();
    if (version != 1 && version != SNAPSHOT_FORMAT_VERSION) {
      throw new MalformedMessageException("unknown snapshot state format version " + version);
    }
    boolean withUids = version >= 2;
    StoreState state = new StoreState();
    for (int i = 0, n = r.count(); i < n; i++) {
      SecretRecord s = new SecretRecord(r.string(), r.string());
      s.lastVersion = r.i64();
      s.createdAt = r.i64();
      s.updatedAt = r.i64();
      for (int j = 0, m = r.count(); j < m; j++) {
        s.versions.put(r.i64(), new Blob(r.bytes(SecretValue.MAX_BYTES), r.i64(), r.string()));
      }
      state.secrets.put(key(s.namespace, s.name), s);
    }
    for (int i = 0, n = r.count(); i < n; i++) {
      TreeMap<Long, GrantRevision> revisions = new TreeMap<>();
      String k = null;
      for (int j = 0, m = r.count(); j < m; j++) {
        String namespace = r.string();
        String service = r.string();
        String serviceUid = withUids ? r.string() : "";
        long revision = r.i64();
        Instant at = Instant.ofEpochMilli(r.i64());
        List<Grant> set = new ArrayList<>();
        for (int g = 0, gs = r.count(); g < gs; g++) {
          set.add(CommandCodec.readGrant(r));
        }
        revisions.put(
            revision, new GrantRevision(namespace, service, serviceUid, revision, set, at));
        k = key(namespace, service);
      }
      if (k != null) {
        state.grants.put(k, revisions);
      }
    }
    state.rebuildGranted();
    for (int i = 0, n = r.count(); i < n; i++) {
      String name = r.string();
      TreeMap<Long, Blob> versions = new TreeMap<>();
      for (int j = 0, m = r.count(); j < m; j++) {
        versions.put(r.i64(), new Blob(r.bytes(CommandCodec.MAX_KEY_MATERIAL_BYTES), r.i64(), ""));
      }
      state.keyMaterial.put(name, versions);
    }
    return state;
  }

  /**
   * Derives which versions are granted from the grant revisions (the snapshot does not repeat it)
   * and drops superseded ungranted versions that a snapshot from before that rule still holds.
   */
  private void rebuildGranted() {
    for (TreeMap<Long, GrantRevision> revisions : grants.values()) {
      for (GrantRevision revision : revisions.values()) {
        markGranted(revision.namespace(), revision.grants());
      }
    }
    for (SecretRecord record : secrets.values()) {
      if (!record.versions.isEmpty()) {
        long latest = record.versions.lastKey();
        for (long version : List.copyOf(record.versions.headMap(latest).keySet())) {
          dropIfUngranted(record, version);
        }
      }
    }
  }

  /** Zeroes every value held. */
  void destroy() {
    secrets
        .values()
        .forEach(r -> r.versions.values().forEach(b -> Arrays.fill(b.bytes(), (byte) 0)));
    keyMaterial.values().forEach(v -> v.values().forEach(b -> Arrays.fill(b.bytes(), (byte) 0)));
  }

  private static String key(String namespace, String name) {
    // '/' cannot appear in a Kubernetes namespace, so the pair maps one-to-one onto the key.
    return namespace + "/" + name;
  }
}
