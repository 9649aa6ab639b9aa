package dev.strongroom.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/** A 256-bit data key that encrypts log entries, known by a small integer id. */
public final class DataKey {
  private final int id;
  private final byte[] key;

  /** Wraps key bytes (copied). */
  public DataKey(int id, byte[] key) {
    if (key.length != AesGcm.KEY_BYTES) {
      throw new IllegalArgumentException("a data key is 32 bytes");
    }
    this.id = id;
    this.key = key.clone();
  }

  /** A fresh random key with the given id. */
  public static DataKey generate(int id, SecureRandom random) {
    byte[] bytes = new byte[AesGcm.KEY_BYTES];
    random.nextBytes(bytes);
    try {
      return new DataKey(id, bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  public int id() {
    return id;
  }

  /** The key bytes, not copied: callers must not keep or change them. */
  public byte[] bytes() {
    return key;
  }

  /** Zeroes the key. */
  public void destroy() {
    Arrays.fill(key, (byte) 0);
  }

  /** Same id and same key bytes (constant time on the bytes). */
  public boolean sameAs(DataKey other) {
    return id == other.id && java.security.MessageDigest.isEqual(key, other.key);
  }

  @Override
  public String toString() {
    return "DataKey[" + id + "]";
  }
}
