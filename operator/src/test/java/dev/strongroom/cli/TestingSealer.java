package dev.strongroom.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sealer for tests: the envelope names only the binding (namespace/name), never the value; it
 * keeps a copy of each value for assertions and the arrays it was given, to check they were zeroed
 * afterwards.
 */
public final class TestingSealer implements SecretSealer {
  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<byte[]> given = new ArrayList<>();

  @Override
  public String seal(String namespace, String name, byte[] plaintext) {
    given.add(plaintext);
    values.put(namespace + "/" + name, new String(plaintext, StandardCharsets.UTF_8));
    return envelope(namespace, name);
  }

  /** The envelope this sealer returns for a binding. */
  public static String envelope(String namespace, String name) {
    return Base64.getEncoder()
        .encodeToString(
            ("testing-envelope " + namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
  }

  /** The value sealed for {@code namespace/name}, or null. */
  public String valueSealedFor(String namespace, String name) {
    return values.get(namespace + "/" + name);
  }

  /** Whether every array handed to {@link #seal} now holds only zeros. */
  public boolean everyPlaintextWasZeroed() {
    for (byte[] plaintext : given) {
      for (byte b : plaintext) {
        if (b != 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** How many values were sealed. */
  public int sealCount() {
    return given.size();
  }
}
