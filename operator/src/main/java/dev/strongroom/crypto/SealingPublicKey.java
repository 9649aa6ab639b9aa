package dev.strongroom.crypto;

import java.util.Arrays;
import java.util.Base64;

/**
 * The public half of a sealing key pair, as published in the {@code strongroom-sealing-key} map.
 */
public final class SealingPublicKey {
  private final byte[] key;

  SealingPublicKey(byte[] key) {
    if (key.length != SealingKeyPair.KEY_BYTES) {
      throw new IllegalArgumentException("an X25519 public key is 32 bytes");
    }
    this.key = key.clone();
  }

  /** Parses the base64 form that {@link #toBase64()} writes. */
  public static SealingPublicKey fromBase64(String encoded) {
    try {
      return new SealingPublicKey(Base64.getDecoder().decode(encoded.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a Strongroom sealing public key (32 bytes, base64)");
    }
  }

  public String toBase64() {
    return Base64.getEncoder().encodeToString(key);
  }

  public String id() {
    return SealingKeyPair.idOf(key);
  }

  byte[] bytes() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealingPublicKey other && Arrays.equals(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "SealingPublicKey[" + id() + "]";
  }
}
