package dev.strongroom.delivery;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.KeyAgreement;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * The delivery endpoint's TLS where BoringSSL does not load ({@link ServingTls}): Bouncy Castle's
 * JSSE with the public-key operations on Bouncy Castle and everything symmetric on the JDK,
 * installing neither provider in the JVM (the operator's API-server and Raft TLS stay on the
 * JDK's). Every agent opens a new connection, and Bouncy Castle's P-256 makes a handshake cost the
 * server about half the JDK 17's CPU (README, "Secret delivery").
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

  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /**
   * The suites a P-256 certificate can serve, AEAD only. Bouncy Castle checks every enabled suite
   * against the JDK's disabled algorithms on every connection, matching algorithm names as strings:
   * with its default list that was 7.6 % of a handshake's server CPU.
   */
  static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

  /**
   * The one signature the endpoint makes (its certificate is P-256, signed by a P-256 CA); it
   * checks none. The default list was checked the same way on every connection: another 8 %.
   */
  private static final String[] SIGNATURE_SCHEMES = {"ecdsa_secp256r1_sha256"};

  private DeliveryTls() {}

  /**
   * A server context whose handshakes present {@code keys}' certificate. Its engines come set up as
   * the endpoint serves; sockets from its server socket factory (tests, benchmarks) need {@link
   * #configured(SSLSocket)}.
   */
  static SSLContext serverContext(KeyManager keys, SecureRandom random)
      throws GeneralSecurityException {
    // Without a random, Bouncy Castle would look up a "DEFAULT" SecureRandom only its own
    // installed provider has.
    Objects.requireNonNull(random, "random");
    SSLContext context =
        SSLContext.getInstance(
            "TLS", new BouncyCastleJsseProvider(false, new PublicKeyOperationsOnBouncyCastle()));
    context.init(new KeyManager[] {keys}, null, random);
    return new SSLContext(new ConfiguredEngines(context), context.getProvider(), "TLS") {};
  }

  /** An accepted socket of {@link #serverContext}, set up as the endpoint serves. */
  static SSLSocket configured(SSLSocket socket) {
    BCSSLSocket bc = (BCSSLSocket) socket;
    bc.setParameters(endpointParameters(bc.getParameters()));
    return socket;
  }

  /** TLS 1.3 or 1.2, AEAD suites, one signature scheme, no client certificate. */
  private static BCSSLParameters endpointParameters(BCSSLParameters parameters) {
    parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
    parameters.setCipherSuites(CIPHER_SUITES.toArray(String[]::new));
    parameters.setSignatureSchemes(SIGNATURE_SCHEMES);
    parameters.setNeedClientAuth(false);
    return parameters;
  }

  /**
   * Bouncy Castle's context, each engine it creates set up before anyone uses it: Netty's {@code
   * JdkSslContext} sets an engine's suites and protocols but not its signature schemes, which Java
   * 17's {@code SSLParameters} cannot name.
   */
  private static final class ConfiguredEngines extends SSLContextSpi {
    private final SSLContext context;

    ConfiguredEngines(SSLContext context) {
      this.context = context;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
      throw new UnsupportedOperationException("the delivery context is initialised once");
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return configured(context.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return configured(context.createSSLEngine(host, port));
    }

    private static SSLEngine configured(SSLEngine engine) {
      BCSSLEngine bc = (BCSSLEngine) engine;
      bc.setParameters(endpointParameters(bc.getParameters()));
      return engine;
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return context.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return context.getServerSocketFactory();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return context.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return context.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return context.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return context.getSupportedSSLParameters();
    }
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
