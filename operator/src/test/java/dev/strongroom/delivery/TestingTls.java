package dev.strongroom.delivery;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Serving certificates and trusting clients for the delivery endpoint's TLS tests. */
final class TestingTls {
  private TestingTls() {}

  /** A serving certificate for {@code pair} from {@code ca}, for localhost, valid for a day. */
  static X509Certificate serving(CertificateAuthority ca, KeyPair pair, SecureRandom random) {
    return Certificates.issueServing(
        ca,
        pair.getPublic(),
        List.of("localhost", "127.0.0.1"),
        Instant.now(),
        Instant.now().plus(Duration.ofDays(1)),
        random);
  }

  /**
   * A fresh JDK client context trusting only {@code ca}, as an agent makes one: nothing to resume.
   */
  static SSLContext clientTrusting(X509Certificate ca) throws GeneralSecurityException {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("ca", ca);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("an empty key store cannot fail to load", e);
    }
  }
}
