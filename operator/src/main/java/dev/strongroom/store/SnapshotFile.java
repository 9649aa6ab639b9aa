package dev.strongroom.store;

import dev.strongroom.crypto.AesGcm;
import dev.strongroom.crypto.AuthenticationFailedException;
import dev.strongroom.crypto.DataKey;
import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.Keyring;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The encrypted snapshot file: {@code magic, term, index, wrapped keyring, dataKeyId, sealed
 * state}. The state is sealed under the current data key (or under the KEK when the keyring is
 * empty: dataKeyId 0) with the header, term and index as associated data, so a snapshot cannot be
 * swapped for another one or edited unnoticed.
 */
final class SnapshotFile {
  private static final byte[] MAGIC = "SRSNAP01".getBytes(StandardCharsets.US_ASCII);

  private SnapshotFile() {}

  /** The state in its plaintext snapshot format; taken under the state machine's lock. */
  static byte[] encodeState(StoreState state) {
    WireFormat.Writer body = new WireFormat.Writer(1 << 16);
    state.writeTo(body);
    return body.toByteArray();
  }

  /**
   * Seals {@code plain} (from {@link #encodeState}) and writes it durably; zeroes {@code plain}.
   */
  static void write(
      Path file,
      long term,
      long index,
      byte[] plain,
      KeyState keys,
      byte[] context,
      SecureRandom random)
      throws IOException {
    try {
      Keyring keyring = keys.keyring();
      KeyEncryptionKey kek = keys.currentKek();
      WireFormat.Writer w = new WireFormat.Writer(plain.length + 512);
      header(w, term, index);
      WrappedKeyring.wrap(keyring, kek, null, snapshotContext(context, term, index), random)
          .writeTo(w);
      DataKey key = keyring.current().orElse(null);
      w.i32(key == null ? 0 : key.id());
      byte[] aad = stateAad(context, term, index, key == null ? 0 : key.id());
      byte[] sealed =
          key == null ? kek.seal(aad, plain, random) : AesGcm.seal(key.bytes(), aad, plain, random);
      w.bytes(sealed);
      try (FileChannel ch =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(w.toByteArray());
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** Opens a snapshot; merges its keyring into {@code keys} first. */
  static StoreState read(Path file, long term, long index, KeyState keys, byte[] context)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    WireFormat.Reader r = new WireFormat.Reader(bytes);
    try {
      if (!Arrays.equals(r.exactly(MAGIC.length), MAGIC)) {
        throw new StoreCorruptedException(
            "snapshot " + file.getFileName() + " has an unknown format");
      }
      if (r.i64() != term || r.i64() != index) {
        throw new StoreCorruptedException(
            "snapshot " + file.getFileName() + " does not hold the term and index it is named for");
      }
      WrappedKeyring wrapped = WrappedKeyring.readFrom(r);
      if (!keys.absorb(wrapped, snapshotContext(context, term, index))) {
        throw new StoreCorruptedException("snapshot keyring conflicts with the held keyring");
      }
      int keyId = r.i32();
      byte[] sealed = r.bytes(Integer.MAX_VALUE);
      r.end();
      byte[] aad = stateAad(context, term, index, keyId);
      byte[] plain;
      try {
        if (keyId == 0) {
          plain = keys.currentKek().open(aad, sealed);
        } else {
          DataKey key =
              keys.keyring()
                  .get(keyId)
                  .orElseThrow(
                      () -> new WrongKeyException("snapshot data key " + keyId + " is not held"));
          plain = AesGcm.open(key.bytes(), aad, sealed);
        }
      } catch (AuthenticationFailedException e) {
        throw new StoreCorruptedException(
            "snapshot " + file.getFileName() + " failed authentication", e);
      }
      try {
        WireFormat.Reader state = new WireFormat.Reader(plain);
        StoreState result = StoreState.readFrom(state);
        state.end();
        return result;
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } catch (MalformedMessageException e) {
      throw new StoreCorruptedException(
          "snapshot " + file.getFileName() + " is truncated or malformed", e);
    }
  }

  private static void header(WireFormat.Writer w, long term, long index) {
    for (byte b : MAGIC) {
      w.u8(b);
    }
    w.i64(term).i64(index);
  }

  private static byte[] snapshotContext(byte[] context, long term, long index) {
    return ByteBuffer.allocate(context.length + 16 + MAGIC.length)
        .put(MAGIC)
        .put(context)
        .putLong(term)
        .putLong(index)
        .array();
  }

  private static byte[] stateAad(byte[] context, long term, long index, int keyId) {
    return ByteBuffer.allocate(MAGIC.length + context.length + 20)
        .put(MAGIC)
        .put(context)
        .putLong(term)
        .putLong(index)
        .putInt(keyId)
        .array();
  }
}
