package dev.strongroom.delivery;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.KeyAgreement;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * The delivery endpoint's TLS: Bouncy Castle's JSSE with the public-key operations on Bouncy Castle
 * and everything symmetric on the JDK, installing neither provider in the JVM (the operator's
 * API-server and Raft TLS stay on the JDK's). Every agent opens a new connection, and Bouncy
 * Castle's P-256 makes a handshake cost the server about half the JDK 17's CPU (README, "Secret
 * delivery").
 */
final class DeliveryTls {
  /**
   * Bouncy Castle's JSSE logs three INFO lines per connection and each security property it reads;
   * its warnings (an internal error in a handshake) are kept. Held: java.util.logging keeps loggers
   * only weakly.
   */
  private static final Logger JSSE_LOG = Logger.getLogger("org.bouncycastle.jsse");

  /** Warns on every start of the certificate-path entries it ignores; filtered below. */
  private static final Logger CONSTRAINTS_LOG =
      Logger.getLogger("org.bouncycastle.jsse.provider.DisabledAlgorithmConstraints");

  static {
    JSSE_LOG.setLevel(Level.WARNING);
    // The endpoint validates no certificate path (clients present none), so the certificate-path
    // constraints Bouncy Castle does not implement do not apply; its other warnings stay.
    CONSTRAINTS_LOG.setFilter(
        record ->
            record.getMessage() == null
                || !record.getMessage().contains("jdk.certpath.disabledAlgorithms"));
  }

  private DeliveryTls() {}

  /** A server context whose handshakes present {@code keys}' certificate. */
  static SSLContext serverContext(KeyManager keys, SecureRandom random)
      throws GeneralSecurityException {
    // Without a random, Bouncy Castle would look up a "DEFAULT" SecureRandom only its own
    // installed provider has.
    Objects.requireNonNull(random, "random");
    SSLContext context =
        SSLContext.getInstance(
            "TLS", new BouncyCastleJsseProvider(false, new PublicKeyOperationsOnBouncyCastle()));
    context.init(new KeyManager[] {keys}, null, random);
    return context;
  }

  /** Bouncy Castle's TLS crypto with {@link PublicKeysOnBouncyCastle} as its JCA helper. */
  static final class PublicKeyOperationsOnBouncyCastle extends JcaTlsCryptoProvider {
    private final JcaJceHelper helper = new PublicKeysOnBouncyCastle(new BouncyCastleProvider());

    @Override
    public JcaJceHelper getHelper() {
      return helper;
    }
  }

  /**
   * The JDK's providers, except for the public-key operations (key share, key agreement, the
   * CertificateVerify signature, EC parameters), which go to Bouncy Castle. The JDK's AES-GCM, HMAC
   * and digests are many times faster than Bouncy Castle's.
   */
  static final class PublicKeysOnBouncyCastle extends DefaultJcaJceHelper {
    private final Provider publicKey;

    PublicKeysOnBouncyCastle(Provider publicKey) {
      this.publicKey = publicKey;
    }

    @Override
    public KeyAgreement createKeyAgreement(String algorithm) throws NoSuchAlgorithmException {
      return KeyAgreement.getInstance(algorithm, publicKey);
    }

    @Override
    public KeyPairGenerator createKeyPairGenerator(String algorithm)
        throws NoSuchAlgorithmException {
      return KeyPairGenerator.getInstance(algorithm, publicKey);
    }

    @Override
    public KeyFactory createKeyFactory(String algorithm) throws NoSuchAlgorithmException {
      return KeyFactory.getInstance(algorithm, publicKey);
    }

    @Override
    public Signature createSignature(String algorithm) throws NoSuchAlgorithmException {
      return Signature.getInstance(algorithm, publicKey);
    }

    /** EC parameters with the EC code; the per-record AES-GCM parameters stay on the JDK. */
    @Override
    public AlgorithmParameters createAlgorithmParameters(String algorithm)
        throws NoSuchAlgorithmException {
      return "EC".equals(algorithm)
          ? AlgorithmParameters.getInstance(algorithm, publicKey)
          : super.createAlgorithmParameters(algorithm);
    }
  }
}
