package dev.strongroom.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;

/**
 * HPKE (RFC 9180, base mode) with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM, as pure
 * functions with the randomness passed in: {@code seal} returns {@code enc || ciphertext}. Sealed
 * secrets are bound to where they may be used through {@code info} (see {@link #info}).
 */
public final class Hpke {
  /** Bytes of an X25519 public key and of the encapsulated key. */
  public static final int KEY_BYTES = 32;

  /** A recipient key pair, both halves as 32 raw bytes. */
  public record KeyPair(byte[] publicKey, byte[] privateKey) {
    @Override
    public String toString() {
      return "Hpke.KeyPair[private key redacted]";
    }
  }

  private Hpke() {}

  private static HPKE suite() {
    return new HPKE(
        HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
  }

  /** A new key pair derived from 32 bytes of {@code random} (RFC 9180 DeriveKeyPair). */
  public static KeyPair generateKeyPair(SecureRandom random) {
    byte[] ikm = new byte[KEY_BYTES];
    random.nextBytes(ikm);
    try {
      HPKE hpke = suite();
      AsymmetricCipherKeyPair pair = hpke.deriveKeyPair(ikm);
      return new KeyPair(
          hpke.serializePublicKey(pair.getPublic()), hpke.serializePrivateKey(pair.getPrivate()));
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  /** The info string that binds a sealed value to one secret: its namespace and name. */
  public static byte[] info(String namespace, String name) {
    return ("strongroom sealed secret v1\0" + namespace + "\0" + name)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Seals {@code plaintext} to {@code recipientPublicKey}; returns enc (32 bytes) || ciphertext.
   */
  public static byte[] seal(
      byte[] recipientPublicKey, byte[] info, byte[] aad, byte[] plaintext, SecureRandom random) {
    HPKE hpke = suite();
    byte[] ikm = new byte[KEY_BYTES];
    random.nextBytes(ikm);
    try {
      AsymmetricCipherKeyPair ephemeral = hpke.deriveKeyPair(ikm);
      HPKEContextWithEncapsulation context =
          hpke.setupBaseS(hpke.deserializePublicKey(recipientPublicKey), info, ephemeral);
      byte[] enc = context.getEncapsulation();
      byte[] ciphertext = context.seal(aad, plaintext);
      byte[] out = new byte[enc.length + ciphertext.length];
      System.arraycopy(enc, 0, out, 0, enc.length);
      System.arraycopy(ciphertext, 0, out, enc.length, ciphertext.length);
      return out;
    } catch (InvalidCipherTextException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot seal to this public key", e);
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  /** Opens what {@link #seal} produced; wrong key, info, aad or any changed byte is refused. */
  public static byte[] open(KeyPair recipient, byte[] info, byte[] aad, byte[] sealed)
      throws AuthenticationFailedException {
    if (sealed.length < KEY_BYTES + AesGcm.TAG_BYTES) {
      throw new AuthenticationFailedException("sealed value is truncated");
    }
    HPKE hpke = suite();
    byte[] enc = Arrays.copyOfRange(sealed, 0, KEY_BYTES);
    byte[] ciphertext = Arrays.copyOfRange(sealed, KEY_BYTES, sealed.length);
    try {
      AsymmetricCipherKeyPair pair =
          hpke.deserializePrivateKey(recipient.privateKey(), recipient.publicKey());
      return hpke.open(enc, pair, info, aad, ciphertext, null, null, null);
    } catch (InvalidCipherTextException | IllegalArgumentException e) {
      throw new AuthenticationFailedException("sealed value did not open");
    }
  }
}
