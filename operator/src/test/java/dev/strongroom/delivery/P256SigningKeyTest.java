package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointUtil;
import org.bouncycastle.math.ec.PreCompInfo;
import org.junit.jupiter.api.Test;

/** The serving key as the endpoint's Bouncy Castle signatures use it. */
class P256SigningKeyTest {
  private static final byte[] MESSAGE = "a handshake transcript".getBytes(StandardCharsets.UTF_8);

  private final SecureRandom random = new SecureRandom();
  private final JcaJceHelper helper =
      new DeliveryTls.PublicKeyOperationsOnBouncyCastle().create(random).getHelper();

  @Test
  void itsSignaturesVerifyWithTheCertificatesPublicKey() throws Exception {
    KeyPair pair = Certificates.newKeyPair(random);

    byte[] signature = sign(P256SigningKey.of(pair.getPrivate()));

    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(pair.getPublic());
    verifier.update(MESSAGE);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void everySignatureUsesTheOneGeneratorTableComputedOnce() throws Exception {
    P256SigningKey key = P256SigningKey.of(Certificates.newKeyPair(random).getPrivate());
    ECPoint generator = generatorBouncyCastleSignsWith(key);

    sign(key);
    PreCompInfo table = generator.getCurve().getPreCompInfo(generator, FixedPointUtil.PRECOMP_NAME);
    sign(key);

    // From the JDK's key Bouncy Castle converts the curve for every signature: a new generator
    // point each time, and its table computed again.
    assertThat(generatorBouncyCastleSignsWith(key)).isSameAs(generator);
    assertThat(table).isNotNull();
    assertThat(generator.getCurve().getPreCompInfo(generator, FixedPointUtil.PRECOMP_NAME))
        .isSameAs(table);
  }

  private static ECPoint generatorBouncyCastleSignsWith(PrivateKey key) throws Exception {
    return ((ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(key))
        .getParameters()
        .getG();
  }

  @Test
  void onlyAP256KeyIsTaken() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"), random);
    PrivateKey p384 = generator.generateKeyPair().getPrivate();

    assertThatThrownBy(() -> P256SigningKey.of(p384))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the serving key must be an EC P-256 key");
  }

  @Test
  void itsTextNamesNoScalar() {
    P256SigningKey key = P256SigningKey.of(Certificates.newKeyPair(random).getPrivate());

    assertThat(key.toString())
        .isEqualTo("P-256 signing key")
        .doesNotContain(key.getS().toString())
        .doesNotContain(key.getS().toString(16));
  }

  private byte[] sign(PrivateKey key) throws Exception {
    Signature signer = helper.createSignature("SHA256withECDSA");
    signer.initSign(key, random);
    signer.update(MESSAGE);
    return signer.sign();
  }
}
