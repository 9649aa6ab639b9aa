package dev.strongroom.store;

import dev.strongroom.store.Command.DeleteSecret;
import dev.strongroom.store.Command.PutKeyMaterial;
import dev.strongroom.store.Command.PutSecretVersion;
import dev.strongroom.store.Command.RecordGrantRevision;
import java.util.ArrayList;
import java.util.List;

/** The versioned binary format of commands: version byte, tag byte, fields (DataOutput style). */
final class CommandCodec {
  static final int FORMAT_VERSION = 1;
  static final int MAX_KEY_MATERIAL_BYTES = 1024 * 1024;

  private static final int PUT_SECRET = 1;
  private static final int DELETE_SECRET = 2;
  private static final int RECORD_GRANTS = 3;
  private static final int PUT_KEY_MATERIAL = 4;
  private static final int BATCH = 5;
  private static final int PUT_KEY_MATERIAL_IF_LATEST = 6;
  static final int MAX_BATCH_COMMANDS = 1024;
  static final int MAX_BATCH_BYTES = 1 << 20;

  private CommandCodec() {}

  static byte[] encode(Command command) {
    int hint = 64;
    if (command instanceof PutSecretVersion p) {
      hint += p.value().length;
    }
    WireFormat.Writer w = new WireFormat.Writer(hint).u8(FORMAT_VERSION);
    if (command instanceof PutSecretVersion p) {
      w.u8(PUT_SECRET).string(p.namespace()).string(p.name()).bytes(p.value());
      w.string(p.origin()).i64(p.timeMillis());
    } else if (command instanceof DeleteSecret d) {
      w.u8(DELETE_SECRET).string(d.namespace()).string(d.name());
    } else if (command instanceof RecordGrantRevision r) {
      w.u8(RECORD_GRANTS).string(r.namespace()).string(r.service()).i32(r.grants().size());
      for (Grant g : r.grants()) {
        writeGrant(w, g);
      }
      w.i64(r.timeMillis());
    } else if (command instanceof PutKeyMaterial k && k.expectedLatest() == PutKeyMaterial.ANY) {
      w.u8(PUT_KEY_MATERIAL).string(k.name()).bytes(k.material()).i64(k.timeMillis());
    } else if (command instanceof PutKeyMaterial k) {
      w.u8(PUT_KEY_MATERIAL_IF_LATEST).string(k.name()).bytes(k.material()).i64(k.timeMillis());
      w.i64(k.expectedLatest());
    } else if (command instanceof Command.Batch b) {
      w.u8(BATCH).i32(b.commands().size());
      for (Command c : b.commands()) {
        w.bytes(encode(c));
      }
    } else {
      throw new IllegalArgumentException("unknown command type");
    }
    return w.toByteArray();
  }

  static Command decode(byte[] bytes) {
    return decode(bytes, true);
  }

  private static Command decode(byte[] bytes, boolean batchAllowed) {
    WireFormat.Reader r = new WireFormat.Reader(bytes);
    int version = r.u8();
    if (version != FORMAT_VERSION) {
      throw new MalformedMessageException("unknown command format version " + version);
    }
    int tag = r.u8();
    Command command =
        switch (tag) {
          case PUT_SECRET ->
              new PutSecretVersion(
                  r.string(), r.string(), r.bytes(SecretValue.MAX_BYTES), r.string(), r.i64());
          case DELETE_SECRET -> new DeleteSecret(r.string(), r.string());
          case RECORD_GRANTS -> {
            String namespace = r.string();
            String service = r.string();
            int n = r.count();
            List<Grant> grants = new ArrayList<>(Math.min(n, 64));
            for (int i = 0; i < n; i++) {
              grants.add(readGrant(r));
            }
            yield new RecordGrantRevision(namespace, service, grants, r.i64());
          }
          case PUT_KEY_MATERIAL ->
              new PutKeyMaterial(r.string(), r.bytes(MAX_KEY_MATERIAL_BYTES), r.i64());
          case PUT_KEY_MATERIAL_IF_LATEST -> {
            PutKeyMaterial k =
                new PutKeyMaterial(r.string(), r.bytes(MAX_KEY_MATERIAL_BYTES), r.i64(), r.i64());
            if (k.expectedLatest() < 0) {
              throw new MalformedMessageException("an expected key-material version is negative");
            }
            yield k;
          }
          case BATCH -> {
            if (!batchAllowed) {
              throw new MalformedMessageException("batches do not nest");
            }
            int n = r.count();
            if (n < 1 || n > MAX_BATCH_COMMANDS) {
              throw new MalformedMessageException("a batch has an impossible size");
            }
            List<Command> commands = new ArrayList<>(Math.min(n, 64));
            for (int i = 0; i < n; i++) {
              commands.add(decode(r.bytes(MAX_BATCH_BYTES), false));
            }
            yield new Command.Batch(commands);
          }
          default -> throw new MalformedMessageException("unknown command tag " + tag);
        };
    r.end();
    return command;
  }

  static void writeGrant(WireFormat.Writer w, Grant g) {
    w.string(g.secretName())
        .i64(g.secretVersion())
        .string(g.target())
        .string(g.uid())
        .string(g.gid())
        .i32(g.mode());
  }

  static Grant readGrant(WireFormat.Reader r) {
    try {
      return new Grant(r.string(), r.i64(), r.string(), r.string(), r.string(), r.i32());
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("a grant is out of range");
    }
  }
}
