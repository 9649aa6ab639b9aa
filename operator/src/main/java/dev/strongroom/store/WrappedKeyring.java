package dev.strongroom.store;

import dev.strongroom.crypto.AesGcm;
import dev.strongroom.crypto.AuthenticationFailedException;
import dev.strongroom.crypto.DataKey;
import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.Keyring;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Data keys sealed under a key-encryption key, as they travel in the log, snapshots and the local
 * keyring file. The key ids and the KEK fingerprint stay readable (they are not secret), so a peer
 * can tell "wrong key" from "tampered" and skip a keyring whose keys it already holds. An optional
 * chain carries the new KEK sealed under the previous one, for peers that only hold the old KEK.
 */
record WrappedKeyring(
    long kekId, int currentId, int[] ids, long chainKekId, byte[] chain, byte[] sealedKeys) {
  private static final byte[] LABEL = "strongroom keyring v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHAIN_LABEL =
      "strongroom kek chain v1".getBytes(StandardCharsets.US_ASCII);

  /** Seals {@code keyring} under {@code kek}; {@code previous} (nullable) gets a chain entry. */
  static WrappedKeyring wrap(
      Keyring keyring,
      KeyEncryptionKey kek,
      KeyEncryptionKey previous,
      byte[] context,
      SecureRandom random) {
    int[] ids = keyring.ids().stream().mapToInt(Integer::intValue).toArray();
    byte[] chain = new byte[0];
    long chainKekId = 0;
    if (previous != null) {
      chainKekId = previous.id();
      byte[] newKey = kek.exportBytes();
      try {
        chain = previous.seal(chainAad(kek.id(), chainKekId), newKey, random);
      } finally {
        Arrays.fill(newKey, (byte) 0);
      }
    }
    WrappedKeyring header =
        new WrappedKeyring(kek.id(), keyring.currentId(), ids, chainKekId, chain, new byte[0]);
    byte[] plain = encodeKeys(keyring);
    try {
      return new WrappedKeyring(
          kek.id(),
          keyring.currentId(),
          ids,
          chainKekId,
          chain,
          kek.seal(header.aad(context), plain, random));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** Opens the keys with {@code kek}, which must have id {@link #kekId()}. */
  Keyring open(KeyEncryptionKey kek, byte[] context) {
    if (kek.id() != kekId) {
      throw new WrongKeyException("the keyring is sealed under another key-encryption key");
    }
    byte[] plain;
    try {
      plain = kek.open(aad(context), sealedKeys);
    } catch (AuthenticationFailedException e) {
      throw new StoreCorruptedException("a sealed keyring failed authentication", e);
    }
    try {
      Keyring keyring = decodeKeys(plain, currentId);
      if (!Arrays.equals(ids, keyring.ids().stream().mapToInt(Integer::intValue).toArray())) {
        throw new StoreCorruptedException("a sealed keyring does not match its key ids");
      }
      return keyring;
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** The new KEK from the chain, opened with the previous one. */
  KeyEncryptionKey openChain(KeyEncryptionKey previous) {
    if (chain.length == 0 || previous.id() != chainKekId) {
      throw new WrongKeyException("no chain from this key-encryption key");
    }
    byte[] key;
    try {
      key = previous.open(chainAad(kekId, chainKekId), chain);
    } catch (AuthenticationFailedException e) {
      throw new StoreCorruptedException("a key-encryption key chain failed authentication", e);
    }
    try {
      KeyEncryptionKey next = KeyEncryptionKey.of(key);
      if (next.id() != kekId) {
        throw new StoreCorruptedException("a key-encryption key chain holds another key");
      }
      return next;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  void writeTo(WireFormat.Writer w) {
    writeHeader(w);
    w.bytes(sealedKeys);
  }

  static WrappedKeyring readFrom(WireFormat.Reader r) {
    long kekId = r.i64();
    int currentId = r.i32();
    int n = r.count();
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = r.i32();
    }
    long chainKekId = r.i64();
    byte[] chain = r.bytes(1024);
    byte[] sealed = r.bytes(64 + n * (4 + AesGcm.KEY_BYTES));
    return new WrappedKeyring(kekId, currentId, ids, chainKekId, chain, sealed);
  }

  private void writeHeader(WireFormat.Writer w) {
    w.i64(kekId).i32(currentId).i32(ids.length);
    for (int id : ids) {
      w.i32(id);
    }
    w.i64(chainKekId).bytes(chain);
  }

  private byte[] aad(byte[] context) {
    WireFormat.Writer w = new WireFormat.Writer(64 + context.length);
    w.bytes(LABEL).bytes(context);
    writeHeader(w);
    return w.toByteArray();
  }

  private static byte[] chainAad(long newKekId, long previousKekId) {
    return ByteBuffer.allocate(CHAIN_LABEL.length + 16)
        .put(CHAIN_LABEL)
        .putLong(newKekId)
        .putLong(previousKekId)
        .array();
  }

  private static byte[] encodeKeys(Keyring keyring) {
    ByteBuffer buf = ByteBuffer.allocate(keyring.ids().size() * (4 + AesGcm.KEY_BYTES));
    for (DataKey k : keyring.keys()) {
      buf.putInt(k.id()).put(k.bytes());
    }
    return buf.array();
  }

  private static Keyring decodeKeys(byte[] plain, int currentId) {
    if (plain.length % (4 + AesGcm.KEY_BYTES) != 0) {
      throw new StoreCorruptedException("a sealed keyring has a malformed body");
    }
    ByteBuffer buf = ByteBuffer.wrap(plain);
    List<DataKey> keys = new ArrayList<>();
    byte[] key = new byte[AesGcm.KEY_BYTES];
    while (buf.hasRemaining()) {
      int id = buf.getInt();
      buf.get(key);
      keys.add(new DataKey(id, key));
    }
    Arrays.fill(key, (byte) 0);
    try {
      return Keyring.of(keys, currentId);
    } catch (IllegalArgumentException e) {
      throw new StoreCorruptedException("a sealed keyring is inconsistent", e);
    }
  }

  @Override
  public String toString() {
    return "WrappedKeyring[kek=" + Long.toHexString(kekId) + ", ids=" + Arrays.toString(ids) + "]";
  }
}
