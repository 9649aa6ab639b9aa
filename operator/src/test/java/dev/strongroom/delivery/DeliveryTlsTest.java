package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which provider does what in the delivery endpoint's TLS, and a handshake with the JDK's client.
 * (The agent's P-256-only handshake, with its exact JVM flags, is in AgentArchiveIT and
 * DeliveryIT.)
 */
class DeliveryTlsTest {
  private final SecureRandom random = new SecureRandom();
  private final CertificateAuthority ca =
      Certificates.newAuthority(
          "test CA", Instant.now(), Instant.now().plus(Duration.ofDays(1)), random);
  private final KeyPair pair = Certificates.newKeyPair(random);
  private final X509Certificate serving = TestingTls.serving(ca, pair, random);
  private final JcaJceHelper helper =
      new DeliveryTls.PublicKeyOperationsOnBouncyCastle().create(new SecureRandom()).getHelper();

  @Test
  void publicKeyOperationsRunOnBouncyCastleAndSymmetricOnesOnTheJdk() throws Exception {
    assertThat(helper.createSignature("SHA256withECDSA").getProvider().getName()).isEqualTo("BC");
    assertThat(helper.createKeyAgreement("ECDH").getProvider().getName()).isEqualTo("BC");
    assertThat(helper.createKeyPairGenerator("EC").getProvider().getName()).isEqualTo("BC");
    assertThat(helper.createKeyFactory("EC").getProvider().getName()).isEqualTo("BC");
    assertThat(helper.createAlgorithmParameters("EC").getProvider().getName()).isEqualTo("BC");

    assertThat(helper.createCipher("AES/GCM/NoPadding").getProvider().getName())
        .isEqualTo("SunJCE");
    assertThat(helper.createAlgorithmParameters("GCM").getProvider().getName()).isEqualTo("SunJCE");
    assertThat(helper.createMac("HmacSHA256").getProvider().getName()).isEqualTo("SunJCE");
    assertThat(helper.createMessageDigest("SHA-256").getProvider().getName()).isEqualTo("SUN");
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void aJdkClientCompletesAHandshakeAndNothingIsInstalledInTheJvm(String protocol)
      throws Exception {
    SSLContext server = endpointContext();

    try (SSLServerSocket listener =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
      CompletableFuture<Integer> served =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket accepted = DeliveryTls.configured((SSLSocket) listener.accept());
                    InputStream in = accepted.getInputStream();
                    OutputStream out = accepted.getOutputStream()) {
                  int read = in.read();
                  out.write(read + 1);
                  return read;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      try (SSLSocket client =
          (SSLSocket)
              TestingTls.clientTrusting(ca.certificate())
                  .getSocketFactory()
                  .createSocket("127.0.0.1", listener.getLocalPort())) {
        client.setEnabledProtocols(new String[] {protocol});
        client.getOutputStream().write(41);
        assertThat(client.getInputStream().read()).isEqualTo(42);
        assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
        assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(serving);
      }
      assertThat(served.join()).isEqualTo(41);
    }
    assertThat(server.getProvider().getName()).isEqualTo("BCJSSE");
    assertThat(Security.getProvider("BC")).isNull();
    assertThat(Security.getProvider("BCJSSE")).isNull();
  }

  @Test
  void everyEngineComesSetUpAsTheEndpointServes() throws Exception {
    SSLContext server = endpointContext();

    // The JDK's HTTPS server creates engines with a host and port; both ways are set up.
    for (SSLEngine engine : List.of(server.createSSLEngine(), server.createSSLEngine("a", 1))) {
      BCSSLParameters parameters = ((BCSSLEngine) engine).getParameters();
      assertThat(parameters.getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
      assertThat(parameters.getSignatureSchemes()).containsExactly("ecdsa_secp256r1_sha256");
      assertThat(parameters.getCipherSuites())
          .isNotEmpty()
          .allSatisfy(suite -> assertThat(suite).containsAnyOf("_GCM_", "_CHACHA20_POLY1305_"))
          .noneSatisfy(suite -> assertThat(suite).contains("_RSA_"));
      assertThat(parameters.getNeedClientAuth()).isFalse();
    }
  }

  @Test
  void aClientOfferingOnlySuitesTheEndpointDoesNotServeIsRefused() throws Exception {
    SSLContext server = endpointContext();

    try (SSLServerSocket listener =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
      CompletableFuture<Void> served =
          CompletableFuture.runAsync(
              () -> {
                try (SSLSocket accepted = DeliveryTls.configured((SSLSocket) listener.accept())) {
                  accepted.startHandshake();
                } catch (IOException expected) {
                  // The handshake fails on this side too.
                }
              });
      try (SSLSocket client =
          (SSLSocket)
              TestingTls.clientTrusting(ca.certificate())
                  .getSocketFactory()
                  .createSocket("127.0.0.1", listener.getLocalPort())) {
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        client.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
        assertThatThrownBy(client::startHandshake).isInstanceOf(SSLHandshakeException.class);
      }
      served.join();
    }
  }

  /** The endpoint's context with its key as DeliveryEndpoint hands it over. */
  private SSLContext endpointContext() throws GeneralSecurityException {
    ServingKeyManager keys = new ServingKeyManager();
    keys.use(
        P256SigningKey.of(pair.getPrivate()), new X509Certificate[] {serving, ca.certificate()});
    return DeliveryTls.serverContext(keys, random);
  }
}
