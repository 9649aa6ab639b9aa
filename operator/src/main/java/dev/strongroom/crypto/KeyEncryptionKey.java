package dev.strongroom.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The 256-bit key-encryption key (KEK) that wraps the data keys; identified by a fingerprint. */
public final class KeyEncryptionKey implements AutoCloseable {
  private final byte[] key;
  private final long id;

  private KeyEncryptionKey(byte[] key) {
    if (key.length != AesGcm.KEY_BYTES) {
      throw new IllegalArgumentException("a key-encryption key is 32 bytes");
    }
    this.key = key.clone();
    this.id = fingerprint(this.key);
  }

  /** Wraps 32 key bytes (copied). */
  public static KeyEncryptionKey of(byte[] key) {
    return new KeyEncryptionKey(key);
  }

  /** A fresh random key. */
  public static KeyEncryptionKey generate(SecureRandom random) {
    byte[] bytes = new byte[AesGcm.KEY_BYTES];
    random.nextBytes(bytes);
    try {
      return new KeyEncryptionKey(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Reads a key file: 32 raw bytes, or 32 bytes as base64 or hex text (a Kubernetes Secret). */
  public static KeyEncryptionKey read(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    try {
      if (raw.length == AesGcm.KEY_BYTES) {
        return new KeyEncryptionKey(raw);
      }
      String text = new String(raw, StandardCharsets.US_ASCII).strip();
      byte[] decoded = text.length() == 64 ? hex(text) : base64(text);
      try {
        if (decoded == null || decoded.length != AesGcm.KEY_BYTES) {
          throw new IOException(
              "key file " + file + " holds no 32-byte key (raw, base64 or hex expected)");
        }
        return new KeyEncryptionKey(decoded);
      } finally {
        if (decoded != null) {
          Arrays.fill(decoded, (byte) 0);
        }
      }
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static byte[] hex(String text) {
    try {
      return HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      return base64(text);
    }
  }

  private static byte[] base64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The public fingerprint: 64 bits of HMAC-SHA256(key, label); safe to store in plaintext. */
  public long id() {
    return id;
  }

  /** Seals with this key under a random nonce. */
  public byte[] seal(byte[] aad, byte[] plaintext, SecureRandom random) {
    return AesGcm.seal(key, aad, plaintext, random);
  }

  /** Opens what {@link #seal} produced. */
  public byte[] open(byte[] aad, byte[] sealed) throws AuthenticationFailedException {
    return AesGcm.open(key, aad, sealed);
  }

  /** A copy of the key bytes, for wrapping this key under another one. */
  public byte[] exportBytes() {
    return key.clone();
  }

  @Override
  public void close() {
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey[" + Long.toHexString(id) + "]";
  }

  private static long fingerprint(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal("strongroom kek fingerprint v1".getBytes(StandardCharsets.UTF_8));
      long id = 0;
      for (int i = 0; i < 8; i++) {
        id = (id << 8) | (digest[i] & 0xff);
      }
      return id;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }
}
