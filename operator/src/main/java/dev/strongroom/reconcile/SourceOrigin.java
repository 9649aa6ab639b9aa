package dev.strongroom.reconcile;

import dev.strongroom.api.GenerateSource;
import dev.strongroom.api.SecretSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Describes what produces a secret's value, without the value: stored with each version, so a
 * resync, a restart or a leader change with an unchanged source never adds a version.
 */
final class SourceOrigin {
  static final int DEFAULT_LENGTH = 32;

  private SourceOrigin() {}

  static String of(SecretSource source) {
    if (source.getSealed() != null) {
      // A digest of the ciphertext: public material, but it changes whenever the envelope does.
      return "sealed:" + sha256(source.getSealed().getData());
    }
    if (source.getGenerate() != null) {
      return "generate:" + length(source.getGenerate()) + ":" + charset(source.getGenerate());
    }
    return "fromSecret:" + source.getFromSecret().getName() + "/" + source.getFromSecret().getKey();
  }

  static int length(GenerateSource generate) {
    return generate.getLength() == null ? DEFAULT_LENGTH : generate.getLength();
  }

  static GenerateSource.Charset charset(GenerateSource generate) {
    return generate.getCharset() == null
        ? GenerateSource.Charset.alphanumeric
        : generate.getCharset();
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
