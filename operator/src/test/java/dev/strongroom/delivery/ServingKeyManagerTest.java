package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The serving key manager across a swap, as both JSSE providers call it. */
class ServingKeyManagerTest {
  private final SecureRandom random = new SecureRandom();
  private final CertificateAuthority ca =
      Certificates.newAuthority(
          "test CA", Instant.now(), Instant.now().plus(Duration.ofDays(1)), random);

  @Test
  void aHandshakeThatChoseItsAliasBeforeASwapGetsTheKeyAndChainOfThatAlias() {
    ServingKeyManager keys = new ServingKeyManager();
    KeyPair first = Certificates.newKeyPair(random);
    X509Certificate firstCert = serving(first);
    keys.use(first.getPrivate(), new X509Certificate[] {firstCert, ca.certificate()});
    String chosen = keys.chooseEngineServerAlias("EC/secp256r1", null, null);

    KeyPair second = Certificates.newKeyPair(random);
    keys.use(second.getPrivate(), new X509Certificate[] {serving(second), ca.certificate()});

    assertThat(keys.getCertificateChain(chosen)[0]).isEqualTo(firstCert);
    assertThat(keys.getPrivateKey(chosen)).isEqualTo(first.getPrivate());
    String next = keys.chooseEngineServerAlias("EC/secp256r1", null, null);
    assertThat(next).isNotEqualTo(chosen);
    assertThat(keys.getPrivateKey(next)).isEqualTo(second.getPrivate());
  }

  @Test
  void anEcP256KeyServesEveryWayBothProvidersAskAndNothingElse() {
    ServingKeyManager keys = new ServingKeyManager();
    assertThat(keys.chooseServerAlias("EC", null, null)).isNull();
    KeyPair pair = Certificates.newKeyPair(random);
    keys.use(pair.getPrivate(), new X509Certificate[] {serving(pair), ca.certificate()});

    for (String keyType : List.of("EC", "EC/secp256r1", "ECDHE_ECDSA")) {
      assertThat(keys.chooseEngineServerAlias(keyType, null, null)).as(keyType).isNotNull();
    }
    for (String keyType : List.of("RSA", "EC/secp384r1", "ECDHE_RSA", "Ed25519")) {
      assertThat(keys.chooseEngineServerAlias(keyType, null, null)).as(keyType).isNull();
    }
  }

  private X509Certificate serving(KeyPair pair) {
    return TestingTls.serving(ca, pair, random);
  }
}
