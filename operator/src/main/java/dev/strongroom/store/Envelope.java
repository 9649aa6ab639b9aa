package dev.strongroom.store;

import dev.strongroom.crypto.AesGcm;
import dev.strongroom.crypto.AuthenticationFailedException;
import dev.strongroom.crypto.DataKey;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * The format of one Raft log entry: {@code version, kind} then a kind-specific body.
 *
 * <ul>
 *   <li>DATA: {@code i32 dataKeyId, nonce, ciphertext, tag}: a command under a data key. The
 *       associated data is the 6-byte header plus the store's context (group id), so an entry
 *       cannot move to another store or key id unnoticed. The log index cannot be part of it: it is
 *       unknown before the entry is proposed.
 *   <li>KEYRING: a {@link WrappedKeyring} (data keys under the key-encryption key).
 *   <li>PLAIN: an unencrypted command, accepted only by stores configured without encryption (the
 *       benchmark's baseline).
 * </ul>
 */
final class Envelope {
  static final int VERSION = 1;
  static final int DATA = 1;
  static final int KEYRING = 2;
  static final int PLAIN = 3;
  static final int DATA_HEADER = 6;

  private Envelope() {}

  static byte[] seal(byte[] command, DataKey key, byte[] context, SecureRandom random) {
    byte[] out = new byte[DATA_HEADER + AesGcm.OVERHEAD + command.length];
    ByteBuffer.wrap(out).put((byte) VERSION).put((byte) DATA).putInt(key.id());
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, DATA_HEADER, AesGcm.NONCE_BYTES);
    AesGcm.sealInto(
        key.bytes(),
        nonce,
        aad(out, context),
        command,
        0,
        command.length,
        out,
        DATA_HEADER + AesGcm.NONCE_BYTES);
    return out;
  }

  static byte[] keyring(WrappedKeyring keyring) {
    WireFormat.Writer w = new WireFormat.Writer(256).u8(VERSION).u8(KEYRING);
    keyring.writeTo(w);
    return w.toByteArray();
  }

  static byte[] plain(byte[] command) {
    byte[] out = new byte[2 + command.length];
    out[0] = VERSION;
    out[1] = PLAIN;
    System.arraycopy(command, 0, out, 2, command.length);
    return out;
  }

  /** The kind of an entry after checking its version; malformed entries are refused. */
  static int kind(byte[] entry) {
    if (entry.length < 2 || entry[0] != VERSION) {
      throw new StoreCorruptedException("a log entry has an unknown format");
    }
    int kind = entry[1];
    if (kind == DATA && entry.length < DATA_HEADER + AesGcm.OVERHEAD) {
      throw new StoreCorruptedException("an encrypted log entry is truncated");
    }
    if (kind != DATA && kind != KEYRING && kind != PLAIN) {
      throw new StoreCorruptedException("a log entry has an unknown kind");
    }
    return kind;
  }

  static int dataKeyId(byte[] entry) {
    return ByteBuffer.wrap(entry, 2, 4).getInt();
  }

  /** Decrypts a DATA entry; a failed tag is tampering (the key id already matched). */
  static byte[] open(byte[] entry, DataKey key, byte[] context) {
    try {
      return AesGcm.open(
          key.bytes(), aad(entry, context), entry, DATA_HEADER, entry.length - DATA_HEADER);
    } catch (AuthenticationFailedException e) {
      throw new StoreCorruptedException("a log entry failed authentication", e);
    }
  }

  static WrappedKeyring openKeyring(byte[] entry) {
    WireFormat.Reader r = new WireFormat.Reader(entry, 2, entry.length - 2);
    try {
      WrappedKeyring keyring = WrappedKeyring.readFrom(r);
      r.end();
      return keyring;
    } catch (MalformedMessageException e) {
      throw new StoreCorruptedException("a keyring log entry is malformed", e);
    }
  }

  static byte[] plainCommand(byte[] entry) {
    byte[] command = new byte[entry.length - 2];
    System.arraycopy(entry, 2, command, 0, command.length);
    return command;
  }

  private static byte[] aad(byte[] entry, byte[] context) {
    byte[] aad = new byte[DATA_HEADER + context.length];
    System.arraycopy(entry, 0, aad, 0, DATA_HEADER);
    System.arraycopy(context, 0, aad, DATA_HEADER, context.length);
    return aad;
  }
}
