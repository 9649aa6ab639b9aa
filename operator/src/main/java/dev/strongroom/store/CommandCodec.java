package dev.strongroom.store;

import dev.strongroom.store.Command.DeleteSecret;
import dev.strongroom.store.Command.ForgetService;
import dev.strongroom.store.Command.PutKeyMaterial;
import dev.strongroom.store.Command.PutSecretVersion;
import dev.strongroom.store.Command.RecordGrantRevision;
import java.util.ArrayList;
import java.util.Arrays;
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
  private static final int RECORD_GRANTS_FOR_SERVICE = 7;
  private static final int FORGET_SERVICE = 8;
  private static final int DELETE_SECRET_FORGETTING = 9;
  static final int MAX_BATCH_COMMANDS = 1024;
  static final int MAX_BATCH_BYTES = 1 << 20;

  private CommandCodec() {}

  static byte[] encode(Command command) {
    WireFormat.Writer w = new WireFormat.Writer(sizeHint(command));
    write(w, command);
    return w.toByteArray();
  }

  /** Enough for the whole encoding in one buffer unless names or grants are unusually long. */
  private static int sizeHint(Command command) {
    if (command instanceof PutSecretVersion p) {
      return 96 + p.value().length;
    } else if (command instanceof Command.Batch b) {
      int hint = 16;
      for (Command c : b.commands()) {
        hint += 4 + sizeHint(c);
      }
      return hint;
    }
    return 256;
  }

  private static void write(WireFormat.Writer w, Command command) {
    w.u8(FORMAT_VERSION);
    if (command instanceof PutSecretVersion p) {
      w.u8(PUT_SECRET).string(p.namespace()).string(p.name()).bytes(p.value());
      w.string(p.origin()).i64(p.timeMillis());
    } else if (command instanceof DeleteSecret d) {
      w.u8(d.forgetUnnamed() ? DELETE_SECRET_FORGETTING : DELETE_SECRET);
      w.string(d.namespace()).string(d.name());
    } else if (command instanceof RecordGrantRevision r) {
      // One for no UID that keeps every revision has the format from before both, byte for byte.
      boolean before = r.serviceUid().isEmpty() && r.retain() == RecordGrantRevision.RETAIN_ALL;
      w.u8(before ? RECORD_GRANTS : RECORD_GRANTS_FOR_SERVICE);
      w.string(r.namespace()).string(r.service()).i32(r.grants().size());
      for (Grant g : r.grants()) {
        writeGrant(w, g);
      }
      w.i64(r.timeMillis());
      if (!before) {
        w.string(r.serviceUid()).i32(r.retain());
      }
    } else if (command instanceof ForgetService f) {
      w.u8(FORGET_SERVICE).string(f.namespace()).string(f.service()).i64(f.expectedLatest());
    } else if (command instanceof PutKeyMaterial k && k.expectedLatest() == PutKeyMaterial.ANY) {
      w.u8(PUT_KEY_MATERIAL).string(k.name()).bytes(k.material()).i64(k.timeMillis());
    } else if (command instanceof PutKeyMaterial k) {
      w.u8(PUT_KEY_MATERIAL_IF_LATEST).string(k.name()).bytes(k.material()).i64(k.timeMillis());
      w.i64(k.expectedLatest());
    } else if (command instanceof Command.Batch b) {
      // Each member is length-prefixed, written in place rather than encoded apart and copied.
      w.u8(BATCH).i32(b.commands().size());
      for (Command c : b.commands()) {
        int start = w.startLength();
        write(w, c);
        w.endLength(start);
      }
    } else {
      throw new IllegalArgumentException("unknown command type");
    }
  }

  /**
   * Zeroes the secret values and key material a decoded command holds, for a caller that decoded it
   * only to check it.
   */
  static void wipe(Command command) {
    if (command instanceof PutSecretVersion p) {
      Arrays.fill(p.value(), (byte) 0);
    } else if (command instanceof PutKeyMaterial k) {
      Arrays.fill(k.material(), (byte) 0);
    } else if (command instanceof Command.Batch b) {
      b.commands().forEach(CommandCodec::wipe);
    }
  }

  static Command decode(byte[] bytes) {
    return decode(new WireFormat.Reader(bytes), true);
  }

  private static Command decode(WireFormat.Reader r, boolean batchAllowed) {
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
          case DELETE_SECRET_FORGETTING -> new DeleteSecret(r.string(), r.string(), true);
          case RECORD_GRANTS, RECORD_GRANTS_FOR_SERVICE -> {
            String namespace = r.string();
            String service = r.string();
            int n = r.count();
            List<Grant> grants = new ArrayList<>(Math.min(n, 64));
            for (int i = 0; i < n; i++) {
              grants.add(readGrant(r));
            }
            long timeMillis = r.i64();
            if (tag == RECORD_GRANTS) {
              yield new RecordGrantRevision(namespace, service, grants, timeMillis);
            }
            String serviceUid = r.string();
            int retain = r.i32();
            if (retain < 0) {
              throw new MalformedMessageException("a revision retention is negative");
            }
            yield new RecordGrantRevision(
                namespace, service, serviceUid, grants, timeMillis, retain);
          }
          case FORGET_SERVICE -> {
            String namespace = r.string();
            String service = r.string();
            long expectedLatest = r.i64();
            if (expectedLatest < 1) {
              throw new MalformedMessageException("a forgotten service's revision is not positive");
            }
            yield new ForgetService(namespace, service, expectedLatest);
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
              commands.add(decode(r.nested(MAX_BATCH_BYTES), false));
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
