package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryCaTest {
  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final Duration OVERLAP = Duration.ofMinutes(10);
  private final TestingSecretStore store = new TestingSecretStore();
  private final TestingClock clock = new TestingClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SecureRandom random = new SecureRandom();

  @Test
  void everyReplicaLoadsTheCaTheFirstOneCreated() {
    DeliveryCa first = ca();
    first.ensure();
    DeliveryCa second = ca();
    second.ensure();
    assertThat(second.authorities()).hasSize(1);
    assertThat(second.bundlePem()).isEqualTo(first.bundlePem());
    assertThat(second.bundlePem())
        .startsWith("-----BEGIN CERTIFICATE-----")
        .doesNotContain("PRIVATE");
  }

  @Test
  void theBundleIsMadeOnceWhileItsCasStandAndAgainWhenOneIsAddedOrExpires() {
    DeliveryCa ca = ca();
    ca.ensure();
    String one = ca.bundlePem();
    assertThat(ca.bundlePem()).isSameAs(one);

    clock.advance(VALIDITY.multipliedBy(2).dividedBy(3).plusDays(1));
    ca.rotate();
    String two = ca.bundlePem();
    assertThat(two).isNotEqualTo(one).contains(one);
    assertThat(ca.bundlePem()).isSameAs(two);

    // The first CA expires; the second stands alone.
    clock.advance(VALIDITY.dividedBy(2));
    assertThat(ca.bundlePem()).isNotEqualTo(two).isNotEqualTo(one).isNotEmpty();
  }

  @Test
  void replicasThatCreateTheCaAtOnceAllServeTheOneStoredFirst() {
    DeliveryCa first = ca();
    first.ensure();
    DeliveryCa second = ca();
    store.hideMaterialFromTheNextRead();

    second.ensure();

    assertThat(second.bundlePem()).isEqualTo(first.bundlePem());
    assertThat(second.signer().certificate()).isEqualTo(first.signer().certificate());
    DeliveryCa third = ca();
    third.ensure();
    assertThat(third.bundlePem()).isEqualTo(first.bundlePem());
  }

  @Test
  void concurrentRotationsKeepEveryCaTheyAgreedOn() {
    DeliveryCa one = ca();
    one.ensure();
    DeliveryCa two = ca();
    two.ensure();
    clock.advance(VALIDITY.multipliedBy(2).dividedBy(3).plusDays(1));

    assertThat(one.rotateIfDue()).isTrue();
    two.rotateIfDue(); // two still holds the old list: its write loses and it adopts one's

    assertThat(two.bundlePem()).isEqualTo(one.bundlePem());
    assertThat(two.authorities()).hasSize(2);
  }

  @Test
  void rotationAddsACaThatSignsOnlyAfterTheOverlap() throws Exception {
    DeliveryCa ca = ca();
    ca.ensure();
    X509Certificate original = ca.signer().certificate();
    assertThat(ca.rotateIfDue()).isFalse();

    clock.advance(VALIDITY.multipliedBy(2).dividedBy(3).plusDays(1));
    assertThat(ca.rotateIfDue()).isTrue();
    assertThat(ca.authorities()).hasSize(2);
    assertThat(certificates(ca.bundlePem())).hasSize(2);
    assertThat(ca.signer().certificate()).isEqualTo(original);

    clock.advance(OVERLAP);
    X509Certificate next = ca.signer().certificate();
    assertThat(next).isNotEqualTo(original);

    DeliveryCa other = ca();
    other.ensure();
    assertThat(other.signer().certificate()).isEqualTo(next);

    clock.advance(VALIDITY.dividedBy(3));
    ca.rotate();
    assertThat(ca.authorities())
        .extracting(CertificateAuthority::certificate)
        .doesNotContain(original);
  }

  @Test
  void servingCertificatesVerifyAgainstTheBundleAndNameTheHosts() throws Exception {
    DeliveryCa ca = ca();
    ca.ensure();
    KeyPair pair = Certificates.newKeyPair(random);
    X509Certificate serving =
        Certificates.issueServing(
            ca.signer(),
            pair.getPublic(),
            List.of("strongroom-delivery.strongroom-system.svc", "127.0.0.1"),
            clock.instant(),
            clock.instant().plus(Duration.ofDays(7)),
            random);
    serving.verify(ca.signer().certificate().getPublicKey());
    assertThat(serving.getSubjectAlternativeNames())
        .extracting(n -> (Object) n.get(1))
        .containsExactly("strongroom-delivery.strongroom-system.svc", "127.0.0.1");
    assertThat(serving.getBasicConstraints()).isEqualTo(-1);
  }

  private DeliveryCa ca() {
    return new DeliveryCa(store, clock, random, VALIDITY, OVERLAP);
  }

  private static List<? extends java.security.cert.Certificate> certificates(String pem)
      throws Exception {
    return List.copyOf(
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
  }
}
