package dev.strongroom.reconcile;

import dev.strongroom.api.GenerateSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Draws a generated secret value from a secure random source, uniformly over the charset. */
final class ValueGenerator {
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";
  private static final String PRINTABLE = printable();

  private final SecureRandom random;

  ValueGenerator(SecureRandom random) {
    this.random = random;
  }

  byte[] generate(int length, GenerateSource.Charset charset) {
    byte[] value = new byte[length];
    if (charset == GenerateSource.Charset.binary) {
      random.nextBytes(value);
      return value;
    }
    String alphabet =
        switch (charset) {
          case hex -> HEX;
          case printable -> PRINTABLE;
          default -> ALPHANUMERIC;
        };
    for (int i = 0; i < length; i++) {
      value[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return value;
  }

  private static String printable() {
    byte[] chars = new byte[0x7e - 0x21 + 1];
    for (int c = 0x21; c <= 0x7e; c++) {
      chars[c - 0x21] = (byte) c;
    }
    return new String(chars, StandardCharsets.US_ASCII);
  }
}
