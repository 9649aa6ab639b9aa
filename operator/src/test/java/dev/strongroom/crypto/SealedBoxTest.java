package dev.strongroom.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SealedBoxTest {
  private static final byte[] VALUE = "hunter2-correct-horse".getBytes(StandardCharsets.UTF_8);
  private final SecureRandom random = new SecureRandom();
  private final SealingKeyring keys = SealingKeyring.generate(random);

  @Test
  void opensForTheNamespaceAndNameItWasSealedFor() throws Exception {
    byte[] envelope = SealedBox.seal(keys.current().publicKey(), "shop", "psql", VALUE, random);

    assertThat(SealedBox.open(keys, "shop", "psql", envelope)).isEqualTo(VALUE);
    assertThat(SealedBox.keyId(envelope)).isEqualTo(keys.current().id());
  }

  @Test
  void envelopeCopiedToAnotherObjectDoesNotOpen() {
    byte[] envelope = SealedBox.seal(keys.current().publicKey(), "shop", "psql", VALUE, random);

    assertThatThrownBy(() -> SealedBox.open(keys, "shop", "redis", envelope))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("sealed for another namespace or name");
    assertThatThrownBy(() -> SealedBox.open(keys, "other", "psql", envelope))
        .isInstanceOf(UnsealException.class);
  }

  @Test
  void everyTamperedByteIsDetected() {
    byte[] envelope = SealedBox.seal(keys.current().publicKey(), "shop", "psql", VALUE, random);
    for (int i = 0; i < envelope.length; i++) {
      byte[] tampered = envelope.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> SealedBox.open(keys, "shop", "psql", tampered))
          .as("flipped bit in byte %d", i)
          .isInstanceOf(UnsealException.class);
    }
  }

  @Test
  void olderKeyPairsStillOpenAfterRotation() throws Exception {
    byte[] before = SealedBox.seal(keys.current().publicKey(), "shop", "psql", VALUE, random);
    SealingKeyring rotated = SealingKeyring.decode(keys.rotate(random).encode());
    byte[] after = SealedBox.seal(rotated.current().publicKey(), "shop", "psql", VALUE, random);

    assertThat(rotated.current().id()).isNotEqualTo(keys.current().id());
    assertThat(SealedBox.open(rotated, "shop", "psql", before)).isEqualTo(VALUE);
    assertThat(SealedBox.open(rotated, "shop", "psql", after)).isEqualTo(VALUE);
    assertThatThrownBy(() -> SealedBox.open(keys, "shop", "psql", after))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("does not hold");
  }

  @Test
  void sameRandomnessSealsToTheSameEnvelope() {
    byte[] a = SealedBox.seal(keys.current().publicKey(), "ns", "n", VALUE, seeded(7));
    byte[] b = SealedBox.seal(keys.current().publicKey(), "ns", "n", VALUE, seeded(7));
    byte[] c = SealedBox.seal(keys.current().publicKey(), "ns", "n", VALUE, seeded(8));

    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void rejectsWhatIsNotAnEnvelope() {
    assertThatThrownBy(() -> SealedBox.open(keys, "ns", "n", new byte[] {1, 2, 3}))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("not a Strongroom sealed value");
  }

  @Test
  void keyringToStringHidesPrivateKeys() {
    byte[] secret = keys.current().privateKeyBytes();
    List<String> forms =
        List.of(
            java.util.HexFormat.of().formatHex(secret),
            java.util.Base64.getEncoder().encodeToString(secret),
            java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
            java.util.Arrays.toString(secret));
    // Booleans, so that a failure does not print the key it found.
    for (String text : List.of(keys.toString(), keys.current().toString())) {
      assertThat(forms.stream().anyMatch(text::contains)).as("a private key in toString").isFalse();
    }
    assertThat(keys.toString()).contains(keys.current().id());
    assertThat(keys.current().toString()).contains("redacted");
  }

  /** A deterministic SecureRandom for reproducible envelopes. */
  private static SecureRandom seeded(long seed) {
    Random source = new Random(seed);
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        source.nextBytes(bytes);
      }
    };
  }
}
