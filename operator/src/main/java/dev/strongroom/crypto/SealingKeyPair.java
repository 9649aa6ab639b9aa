package dev.strongroom.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/** An X25519 key pair that sealed secrets are encrypted to; the private half never leaves. */
public final class SealingKeyPair {
  static final int KEY_BYTES = 32;
  static final int ID_BYTES = 8;

  private final byte[] publicKey;
  private final byte[] privateKey;

  private SealingKeyPair(byte[] publicKey, byte[] privateKey) {
    if (publicKey.length != KEY_BYTES || privateKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("an X25519 key is 32 bytes");
    }
    this.publicKey = publicKey;
    this.privateKey = privateKey;
  }

  /** A fresh key pair drawn from {@code random}. */
  public static SealingKeyPair generate(SecureRandom random) {
    X25519PrivateKeyParameters secret = new X25519PrivateKeyParameters(random);
    return new SealingKeyPair(secret.generatePublicKey().getEncoded(), secret.getEncoded());
  }

  static SealingKeyPair of(byte[] publicKey, byte[] privateKey) {
    return new SealingKeyPair(publicKey.clone(), privateKey.clone());
  }

  /** The public half, which anyone may seal to. */
  public SealingPublicKey publicKey() {
    return new SealingPublicKey(publicKey);
  }

  /** The key id: the first 8 bytes of SHA-256 of the public key, in hex. */
  public String id() {
    return publicKey().id();
  }

  AsymmetricCipherKeyPair forHpke() {
    return new AsymmetricCipherKeyPair(
        new X25519PublicKeyParameters(publicKey), new X25519PrivateKeyParameters(privateKey));
  }

  byte[] privateKeyBytes() {
    return privateKey;
  }

  byte[] publicKeyBytes() {
    return publicKey;
  }

  /** Zeroes the private key. */
  void destroy() {
    Arrays.fill(privateKey, (byte) 0);
  }

  @Override
  public String toString() {
    return "SealingKeyPair[" + id() + ", private key redacted]";
  }

  static String idOf(byte[] publicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
      return HexFormat.of().formatHex(digest, 0, ID_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
