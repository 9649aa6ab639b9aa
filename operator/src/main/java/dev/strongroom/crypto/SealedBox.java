package dev.strongroom.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Sealing of secret values to the cluster's public key: HPKE (RFC 9180) base mode with
 * DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM. The namespace and name are the
 * associated data, so an envelope copied into another object does not open.
 *
 * <p>Envelope: {@code "SRS" | 0x01 | key id (8 bytes) | enc (32 bytes) | ciphertext}.
 */
public final class SealedBox {
  private static final byte[] MAGIC = "SRS".getBytes(StandardCharsets.US_ASCII);
  private static final byte VERSION = 1;
  private static final byte[] INFO = "strongroom sealed secret v1".getBytes(StandardCharsets.UTF_8);
  private static final int ENC_BYTES = 32;
  private static final int HEADER_BYTES = MAGIC.length + 1 + SealingKeyPair.ID_BYTES + ENC_BYTES;

  private SealedBox() {}

  /**
   * Seals {@code plaintext} for {@code namespace/name}; {@code random} supplies the ephemeral key.
   */
  public static byte[] seal(
      SealingPublicKey recipient,
      String namespace,
      String name,
      byte[] plaintext,
      SecureRandom random) {
    byte[] ikm = new byte[32];
    random.nextBytes(ikm);
    HPKE hpke = hpke();
    AsymmetricCipherKeyPair ephemeral = hpke.deriveKeyPair(ikm);
    Arrays.fill(ikm, (byte) 0);
    try {
      HPKEContextWithEncapsulation context =
          hpke.setupBaseS(new X25519PublicKeyParameters(recipient.bytes()), INFO, ephemeral);
      byte[] ciphertext = context.seal(aad(namespace, name), plaintext);
      return ByteBuffer.allocate(HEADER_BYTES + ciphertext.length)
          .put(MAGIC)
          .put(VERSION)
          .put(HexFormat.of().parseHex(recipient.id()))
          .put(context.getEncapsulation())
          .put(ciphertext)
          .array();
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }

  /** The id of the key an envelope was sealed to, to pick it from a keyring. */
  public static String keyId(byte[] envelope) throws UnsealException {
    checkHeader(envelope);
    return HexFormat.of().formatHex(envelope, MAGIC.length + 1, MAGIC.length + 1 + 8);
  }

  /** Opens an envelope sealed for {@code namespace/name} with {@code keys}' matching key pair. */
  public static byte[] open(SealingKeyring keys, String namespace, String name, byte[] envelope)
      throws UnsealException {
    String id = keyId(envelope);
    SealingKeyPair pair =
        keys.find(id)
            .orElseThrow(
                () ->
                    new UnsealException(
                        "it was sealed to a key this cluster does not hold (key id "
                            + id
                            + "); seal it again with the cluster's current public key"));
    byte[] enc = Arrays.copyOfRange(envelope, HEADER_BYTES - ENC_BYTES, HEADER_BYTES);
    byte[] ciphertext = Arrays.copyOfRange(envelope, HEADER_BYTES, envelope.length);
    try {
      HPKEContext context = hpke().setupBaseR(enc, pair.forHpke(), INFO);
      return context.open(aad(namespace, name), ciphertext);
    } catch (InvalidCipherTextException | IllegalArgumentException e) {
      throw new UnsealException(
          "it does not open for "
              + namespace
              + "/"
              + name
              + ": it was sealed for another namespace or name, or it is damaged");
    }
  }

  private static void checkHeader(byte[] envelope) throws UnsealException {
    if (envelope.length <= HEADER_BYTES
        || !Arrays.equals(envelope, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        || envelope[MAGIC.length] != VERSION) {
      throw new UnsealException(
          "it is not a Strongroom sealed value; create it with `strongroom secret create`");
    }
  }

  private static byte[] aad(String namespace, String name) {
    return (namespace + "/" + name).getBytes(StandardCharsets.UTF_8);
  }

  private static HPKE hpke() {
    return new HPKE(
        HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
  }
}
