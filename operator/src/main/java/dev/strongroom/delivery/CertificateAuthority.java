package dev.strongroom.delivery;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** One delivery CA: its certificate and the key that signs serving certificates. */
public record CertificateAuthority(X509Certificate certificate, PrivateKey key) {
  public Instant notBefore() {
    return certificate.getNotBefore().toInstant();
  }

  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  @Override
  public String toString() {
    return "CertificateAuthority[" + certificate.getSubjectX500Principal() + ", key redacted]";
  }
}
