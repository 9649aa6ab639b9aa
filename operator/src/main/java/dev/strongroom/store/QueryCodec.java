package dev.strongroom.store;

import dev.strongroom.store.Query.CurrentDataKey;
import dev.strongroom.store.Query.ListSecrets;
import dev.strongroom.store.Query.ListServices;
import dev.strongroom.store.Query.ReadGrantedSecrets;
import dev.strongroom.store.Query.ReadGrants;
import dev.strongroom.store.Query.ReadKeyMaterial;
import dev.strongroom.store.Query.ReadSecret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The versioned binary format of queries and of the replies to queries and commands. These bytes
 * travel between peers over (mutual) TLS and are never written to disk.
 */
final class QueryCodec {
  /** 2: grant revisions carry their service's UID (peers of one store run one build). */
  static final int FORMAT_VERSION = 2;

  static final int OK = 0;
  static final int REJECTED = 1;
  static final int WRONG_KEY = 2;
  static final int CORRUPTED = 3;

  private static final int READ_SECRET = 1;
  private static final int LIST_SECRETS = 2;
  private static final int READ_GRANTS = 3;
  private static final int READ_KEY_MATERIAL = 4;
  private static final int CURRENT_DATA_KEY = 5;
  private static final int READ_GRANTED_SECRETS = 6;
  private static final int LIST_SERVICES = 7;

  private QueryCodec() {}

  static byte[] encode(Query query) {
    WireFormat.Writer w = new WireFormat.Writer(128).u8(FORMAT_VERSION);
    if (query instanceof ReadSecret q) {
      w.u8(READ_SECRET).string(q.namespace()).string(q.name()).i64(q.version());
    } else if (query instanceof ListSecrets q) {
      w.u8(LIST_SECRETS).string(q.namespace()).i32(q.names().size());
      q.names().forEach(w::string);
    } else if (query instanceof ReadGrants q) {
      w.u8(READ_GRANTS).string(q.namespace()).string(q.service()).i64(q.revision());
    } else if (query instanceof ReadGrantedSecrets q) {
      w.u8(READ_GRANTED_SECRETS).string(q.namespace()).string(q.service()).i64(q.revision());
    } else if (query instanceof ReadKeyMaterial q) {
      w.u8(READ_KEY_MATERIAL).string(q.name()).i64(q.version());
    } else if (query instanceof CurrentDataKey) {
      w.u8(CURRENT_DATA_KEY);
    } else if (query instanceof ListServices) {
      w.u8(LIST_SERVICES);
    } else {
      throw new IllegalArgumentException("unknown query type");
    }
    return w.toByteArray();
  }

  static Query decode(byte[] bytes) {
    WireFormat.Reader r = new WireFormat.Reader(bytes);
    int version = r.u8();
    if (version != FORMAT_VERSION) {
      throw new MalformedMessageException("unknown query format version " + version);
    }
    int tag = r.u8();
    Query query =
        switch (tag) {
          case READ_SECRET -> new ReadSecret(r.string(), r.string(), r.i64());
          case LIST_SECRETS -> {
            String namespace = r.string();
            int n = r.count();
            List<String> names = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
              names.add(r.string());
            }
            yield new ListSecrets(namespace, names);
          }
          case READ_GRANTS -> new ReadGrants(r.string(), r.string(), r.i64());
          case READ_GRANTED_SECRETS -> new ReadGrantedSecrets(r.string(), r.string(), r.i64());
          case READ_KEY_MATERIAL -> new ReadKeyMaterial(r.string(), r.i64());
          case CURRENT_DATA_KEY -> new CurrentDataKey();
          case LIST_SERVICES -> new ListServices();
          default -> throw new MalformedMessageException("unknown query tag " + tag);
        };
    r.end();
    return query;
  }

  /** Answers {@code query} from {@code state}; the caller holds the state's read lock. */
  static byte[] answer(Query query, StoreState state, int currentDataKeyId) {
    WireFormat.Writer w = new WireFormat.Writer(256).u8(FORMAT_VERSION).u8(OK);
    if (query instanceof ReadSecret q) {
      writeVersion(w, state.readSecret(q.namespace(), q.name(), q.version()));
    } else if (query instanceof ListSecrets q) {
      List<SecretMetadata> list = state.listSecrets(q.namespace(), q.names());
      w.i32(list.size());
      for (SecretMetadata m : list) {
        w.string(m.namespace()).string(m.name()).i64(m.latestVersion()).i32(m.versions().size());
        m.versions().forEach(w::i64);
        w.i64(m.createdAt().toEpochMilli()).i64(m.updatedAt().toEpochMilli());
        w.string(m.latestOrigin()).i32(m.latestSize());
      }
    } else if (query instanceof ReadGrants q) {
      writeRevision(w, state.readGrants(q.namespace(), q.service(), q.revision()));
    } else if (query instanceof ReadGrantedSecrets q) {
      Optional<GrantRevision> found = state.readGrants(q.namespace(), q.service(), q.revision());
      writeRevision(w, found);
      for (Grant grant : found.map(GrantRevision::grants).orElse(List.of())) {
        writeVersion(w, state.readSecret(q.namespace(), grant.secretName(), grant.secretVersion()));
      }
    } else if (query instanceof ReadKeyMaterial q) {
      Optional<KeyMaterial> found = state.readKeyMaterial(q.name(), q.version());
      w.bool(found.isPresent());
      found.ifPresent(
          k -> {
            try (k) {
              w.string(k.name())
                  .i64(k.version())
                  .i64(k.createdAt().toEpochMilli())
                  .bytes(k.material().unsafeBytes());
            }
          });
    } else if (query instanceof CurrentDataKey) {
      w.i32(currentDataKeyId);
    } else if (query instanceof ListServices) {
      List<StoredService> services = state.listServices();
      w.i32(services.size());
      for (StoredService s : services) {
        w.string(s.namespace()).string(s.service());
        w.i64(s.oldestRevision()).i64(s.latestRevision()).i32(s.revisions());
      }
    }
    return w.toByteArray();
  }

  private static void writeVersion(WireFormat.Writer w, Optional<SecretVersion> found) {
    w.bool(found.isPresent());
    found.ifPresent(
        v -> {
          try (v) {
            w.string(v.namespace())
                .string(v.name())
                .i64(v.version())
                .i64(v.createdAt().toEpochMilli())
                .bytes(v.value().unsafeBytes());
          }
        });
  }

  private static void writeRevision(WireFormat.Writer w, Optional<GrantRevision> found) {
    w.bool(found.isPresent());
    found.ifPresent(
        g -> {
          w.string(g.namespace()).string(g.service()).string(g.serviceUid()).i64(g.revision());
          w.i64(g.recordedAt().toEpochMilli()).i32(g.grants().size());
          g.grants().forEach(grant -> CommandCodec.writeGrant(w, grant));
        });
  }

  static byte[] result(long value) {
    return new WireFormat.Writer(16).u8(FORMAT_VERSION).u8(OK).i64(value).toByteArray();
  }

  static byte[] results(long[] values) {
    WireFormat.Writer w = new WireFormat.Writer(16 + 8 * values.length).u8(FORMAT_VERSION).u8(OK);
    w.i32(values.length);
    for (long v : values) {
      w.i64(v);
    }
    return w.toByteArray();
  }

  static long[] readResults(byte[] reply, int expected) {
    WireFormat.Reader r = open(reply);
    int n = r.count();
    if (n != expected) {
      throw new MalformedMessageException("a batch reply has " + n + " results, not " + expected);
    }
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = r.i64();
    }
    r.end();
    return values;
  }

  static byte[] failure(int status, String reason) {
    return new WireFormat.Writer(64).u8(FORMAT_VERSION).u8(status).string(reason).toByteArray();
  }

  /** Reads a reply's status; throws the typed exception for a failure. */
  static WireFormat.Reader open(byte[] reply) {
    WireFormat.Reader r = new WireFormat.Reader(reply);
    int version = r.u8();
    if (version != FORMAT_VERSION) {
      throw new MalformedMessageException("unknown reply format version " + version);
    }
    int status = r.u8();
    switch (status) {
      case OK:
        return r;
      case REJECTED:
        throw new InvalidRequestException(r.string());
      case WRONG_KEY:
        throw new WrongKeyException(r.string());
      case CORRUPTED:
        throw new StoreCorruptedException(r.string());
      default:
        throw new MalformedMessageException("unknown reply status " + status);
    }
  }

  static long readResult(byte[] reply) {
    WireFormat.Reader r = open(reply);
    long value = r.i64();
    r.end();
    return value;
  }

  static Optional<SecretVersion> readSecret(byte[] reply) {
    WireFormat.Reader r = open(reply);
    Optional<SecretVersion> v = readVersion(r);
    r.end();
    return v;
  }

  private static Optional<SecretVersion> readVersion(WireFormat.Reader r) {
    if (!r.bool()) {
      return Optional.empty();
    }
    return Optional.of(
        new SecretVersion(
            r.string(),
            r.string(),
            r.i64(),
            Instant.ofEpochMilli(r.i64()),
            SecretValue.adopt(r.bytes(SecretValue.MAX_BYTES))));
  }

  static List<SecretMetadata> readList(byte[] reply) {
    WireFormat.Reader r = open(reply);
    int n = r.count();
    List<SecretMetadata> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String namespace = r.string();
      String name = r.string();
      long latest = r.i64();
      int m = r.count();
      List<Long> versions = new ArrayList<>(m);
      for (int j = 0; j < m; j++) {
        versions.add(r.i64());
      }
      out.add(
          new SecretMetadata(
              namespace,
              name,
              latest,
              versions,
              Instant.ofEpochMilli(r.i64()),
              Instant.ofEpochMilli(r.i64()),
              r.string(),
              r.i32()));
    }
    r.end();
    return out;
  }

  static List<StoredService> readServices(byte[] reply) {
    WireFormat.Reader r = open(reply);
    int n = r.count();
    List<StoredService> out = new ArrayList<>(Math.min(n, 4096));
    for (int i = 0; i < n; i++) {
      out.add(new StoredService(r.string(), r.string(), r.i64(), r.i64(), r.i32()));
    }
    r.end();
    return out;
  }

  static Optional<GrantRevision> readGrants(byte[] reply) {
    WireFormat.Reader r = open(reply);
    Optional<GrantRevision> g = readRevision(r);
    r.end();
    return g;
  }

  static Optional<GrantedSecrets> readGrantedSecrets(byte[] reply) {
    WireFormat.Reader r = open(reply);
    Optional<GrantRevision> g = readRevision(r);
    if (g.isEmpty()) {
      r.end();
      return Optional.empty();
    }
    List<Optional<SecretVersion>> versions = new ArrayList<>(g.get().grants().size());
    try {
      for (int i = 0; i < g.get().grants().size(); i++) {
        versions.add(readVersion(r));
      }
      r.end();
    } catch (RuntimeException e) {
      versions.forEach(v -> v.ifPresent(SecretVersion::close));
      throw e;
    }
    return Optional.of(new GrantedSecrets(g.get(), versions));
  }

  private static Optional<GrantRevision> readRevision(WireFormat.Reader r) {
    if (!r.bool()) {
      return Optional.empty();
    }
    String namespace = r.string();
    String service = r.string();
    String serviceUid = r.string();
    long revision = r.i64();
    Instant at = Instant.ofEpochMilli(r.i64());
    int n = r.count();
    List<Grant> grants = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      grants.add(CommandCodec.readGrant(r));
    }
    return Optional.of(new GrantRevision(namespace, service, serviceUid, revision, grants, at));
  }

  static Optional<KeyMaterial> readKeyMaterial(byte[] reply) {
    WireFormat.Reader r = open(reply);
    if (!r.bool()) {
      return Optional.empty();
    }
    KeyMaterial k =
        new KeyMaterial(
            r.string(),
            r.i64(),
            Instant.ofEpochMilli(r.i64()),
            SecretValue.adopt(r.bytes(CommandCodec.MAX_KEY_MATERIAL_BYTES)));
    r.end();
    return Optional.of(k);
  }

  static int readCurrentDataKey(byte[] reply) {
    WireFormat.Reader r = open(reply);
    int id = r.i32();
    r.end();
    return id;
  }
}
