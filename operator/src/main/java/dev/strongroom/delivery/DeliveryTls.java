package dev.strongroom.delivery;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
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
 * The delivery endpoint's TLS: Bouncy Castle's JSSE with its public-key operations (the key share,
 * the key agreement, the CertificateVerify signature) on Bouncy Castle and everything symmetric
 * (AES-GCM records, HMAC, digests) on the JDK, whose AES-GCM is many times faster. Every agent
 * opens a new connection, so each delivery costs the replica a full handshake: half the CPU of the
 * JDK's JSSE on JDK 17 with P-256 ({@code HandshakeBenchmark}: 1.4 to 1.6 against 2.7 to 4.0 ms).
 * Neither provider is installed in the JVM, so the operator's other TLS (the API server, the Raft
 * peers) stays on the JDK's.
 */
final class DeliveryTls {
  /**
   * Bouncy Castle's JSSE logs through java.util.logging: three INFO lines per connection (the JDK's
   * JSSE logs none) and each security property it reads; kept are its warnings (an internal error
   * in a handshake). The certificate-path constraints it does not implement (a WARNING on every
   * start) do not apply here: the endpoint validates no certificate path, clients present none.
   * Held, since java.util.logging keeps loggers only weakly.
   */
  private static final Logger JSSE_LOG = Logger.getLogger("org.bouncycastle.jsse");

  private static final Logger PATH_CONSTRAINTS_LOG =
      Logger.getLogger("org.bouncycastle.jsse.provider.DisabledAlgorithmConstraints");

  private DeliveryTls() {}

  /** A server context whose handshakes present {@code keys}' certificate. */
  static SSLContext serverContext(KeyManager keys, SecureRandom random)
      throws GeneralSecurityException {
    JSSE_LOG.setLevel(Level.WARNING);
    PATH_CONSTRAINTS_LOG.setLevel(Level.SEVERE);
    SSLContext context = SSLContext.getInstance("TLS", jsse());
    context.init(new KeyManager[] {keys}, null, random);
    return context;
  }

  static Provider jsse() {
    return new BouncyCastleJsseProvider(false, new PublicKeyOperationsOnBouncyCastle());
  }

  /** Bouncy Castle's TLS crypto with the JCA helper below. */
  private static final class PublicKeyOperationsOnBouncyCastle extends JcaTlsCryptoProvider {
    private final JcaJceHelper helper = new Helper(new BouncyCastleProvider());

    @Override
    public JcaJceHelper getHelper() {
      return helper;
    }
  }

  /** The JDK's providers, except for the public-key operations, which go to Bouncy Castle. */
  static final class Helper extends DefaultJcaJceHelper {
    private final Provider publicKey;

    Helper(Provider publicKey) {
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

    @Override
    public AlgorithmParameters createAlgorithmParameters(String algorithm)
        throws NoSuchAlgorithmException {
      return AlgorithmParameters.getInstance(algorithm, publicKey);
    }
  }
}
