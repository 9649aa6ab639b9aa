package dev.strongroom.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with the JDK provider as pure functions: nonce || ciphertext || tag. */
public final class AesGcm {
  public static final int KEY_BYTES = 32;
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = 16;
  public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;

  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("the JDK lacks AES/GCM/NoPadding", e);
            }
          });

  private AesGcm() {}

  /** Encrypts under a fresh random 96-bit nonce; the result is nonce || ciphertext || tag. */
  public static byte[] seal(byte[] key, byte[] aad, byte[] plaintext, SecureRandom random) {
    byte[] out = new byte[NONCE_BYTES + plaintext.length + TAG_BYTES];
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
    sealInto(key, nonce, aad, plaintext, 0, plaintext.length, out, NONCE_BYTES);
    return out;
  }

  /**
   * Encrypts {@code plaintext[off, off+len)} into {@code out} at {@code outOff} (len + 16 bytes);
   * the caller writes the nonce itself.
   */
  public static void sealInto(
      byte[] key,
      byte[] nonce,
      byte[] aad,
      byte[] plaintext,
      int off,
      int len,
      byte[] out,
      int outOff) {
    checkKey(key);
    Cipher cipher = CIPHERS.get();
    try {
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.updateAAD(aad);
      cipher.doFinal(plaintext, off, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** Opens nonce || ciphertext || tag found at {@code in[off, off+len)}. */
  public static byte[] open(byte[] key, byte[] aad, byte[] in, int off, int len)
      throws AuthenticationFailedException {
    checkKey(key);
    if (len < OVERHEAD) {
      throw new AuthenticationFailedException("ciphertext is truncated");
    }
    Cipher cipher = CIPHERS.get();
    try {
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BYTES * 8, in, off, NONCE_BYTES));
      cipher.updateAAD(aad);
      return cipher.doFinal(in, off + NONCE_BYTES, len - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new AuthenticationFailedException("ciphertext did not authenticate");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  /** Opens a whole nonce || ciphertext || tag array. */
  public static byte[] open(byte[] key, byte[] aad, byte[] sealed)
      throws AuthenticationFailedException {
    return open(key, aad, sealed, 0, sealed.length);
  }

  private static void checkKey(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("AES-256 keys are 32 bytes");
    }
  }
}
