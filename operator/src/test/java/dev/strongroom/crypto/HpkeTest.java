package dev.strongroom.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class HpkeTest {
  private final SecureRandom random = new SecureRandom();
  private final byte[] aad = new byte[0];

  @Test
  void sealsToAPublicKeyAndOpensOnlyForTheSameSecret() throws Exception {
    Hpke.KeyPair recipient = Hpke.generateKeyPair(random);
    byte[] plaintext = "hunter2".getBytes(StandardCharsets.UTF_8);
    byte[] info = Hpke.info("shop", "psql_password");
    byte[] sealed = Hpke.seal(recipient.publicKey(), info, aad, plaintext, random);

    assertThat(sealed).hasSize(Hpke.KEY_BYTES + plaintext.length + AesGcm.TAG_BYTES);
    assertThat(Hpke.open(recipient, info, aad, sealed)).isEqualTo(plaintext);
    assertThatThrownBy(() -> Hpke.open(recipient, Hpke.info("other", "psql_password"), aad, sealed))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> Hpke.open(recipient, Hpke.info("shop", "psql_passwor"), aad, sealed))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> Hpke.open(Hpke.generateKeyPair(random), info, aad, sealed))
        .isInstanceOf(AuthenticationFailedException.class);
    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x04;
      assertThatThrownBy(() -> Hpke.open(recipient, info, aad, tampered))
          .isInstanceOf(AuthenticationFailedException.class);
    }
    assertThat(recipient.toString()).doesNotContain("privateKey=");
  }

  @Test
  void randomnessIsPassedInSoSealingIsReproducible() throws Exception {
    Hpke.KeyPair recipient = Hpke.generateKeyPair(random);
    byte[] info = Hpke.info("ns", "n");
    byte[] a = Hpke.seal(recipient.publicKey(), info, aad, new byte[] {1}, seeded(7));
    byte[] b = Hpke.seal(recipient.publicKey(), info, aad, new byte[] {1}, seeded(7));
    byte[] c = Hpke.seal(recipient.publicKey(), info, aad, new byte[] {1}, seeded(8));
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
    assertThat(Hpke.open(recipient, info, aad, c)).containsExactly(1);
  }

  private static SecureRandom seeded(long seed) throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed);
    return r;
  }
}
