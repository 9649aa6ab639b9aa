package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strongroom.agent.Agent;
import dev.strongroom.agent.AgentException;
import dev.strongroom.agent.AgentOptions;
import dev.strongroom.store.Grant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTPS server on BoringSSL and the agent, in process, with hand-written fakes for the cluster
 * ({@link DeliveryServerJsseTest}: the same on Bouncy Castle's JSSE).
 */
class DeliveryServerTest {
  @TempDir Path dir;
  private final SecureRandom random = new SecureRandom();
  private final TestingSecretStore store = new TestingSecretStore();
  private final TestingTokenReviewer reviewer =
      new TestingTokenReviewer().podToken("web-token", "shop", "web-1", "uid-1");
  private final TestingObjectLookup objects =
      new TestingObjectLookup().service("shop", "web", 1).pod("shop", "web-1", "uid-1", "web", 1);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private DeliveryServer server;
  private Path caFile;
  private DeliveryCa ca;
  private ServingKeyManager keys;

  @BeforeEach
  void start() throws Exception {
    ca =
        new DeliveryCa(
            store, Clock.systemUTC(), random, Duration.ofDays(365), Duration.ofMinutes(10));
    ca.ensure();
    KeyPair pair = Certificates.newKeyPair(random);
    X509Certificate cert = TestingTls.serving(ca.signer(), pair, random);
    keys = new ServingKeyManager();
    keys.use(pair.getPrivate(), new X509Certificate[] {cert, ca.signer().certificate()});
    caFile = dir.resolve("ca.crt");
    Files.writeString(caFile, ca.bundlePem());
    server = startServer(keys, 64);

    store.putSecretVersion("shop", "db", "db-value".getBytes(StandardCharsets.UTF_8));
    store.putSecretVersion("shop", "api", "api-value".getBytes(StandardCharsets.UTF_8));
    store.recordGrantRevision(
        "shop",
        "web",
        List.of(
            new Grant("db", 1, "db_password", "0", "0", 0400),
            new Grant("api", 1, "api", "0", "0", 0444)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theAgentWritesEveryGrantedFileWithItsMode() throws Exception {
    Path secrets = dir.resolve("secrets");
    assertThat(agent(server, "web-token", secrets, "5s").run()).isEqualTo(2);

    assertThat(Files.readString(secrets.resolve("db_password"))).isEqualTo("db-value");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(secrets.resolve("db_password"))))
        .isEqualTo("r--------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve("api"))))
        .isEqualTo("r--r--r--");
    assertThat(secrets.resolve("kubernetes.io/serviceaccount")).isEmptyDirectory();
    try (var listing = Files.list(secrets)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("db_password", "api", "kubernetes.io");
    }
    assertThat(registry.get("strongroom.deliveries").tag("result", "served").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("strongroom.delivery.secrets.served").counter().count()).isEqualTo(2);
  }

  @Test
  void aRefusalIsPermanentAndNamedInOneLine() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path token = dir.resolve("bad-token");
    Files.writeString(token, "forged");
    int exit =
        Agent.main(
            new String[] {
              "--dir=" + dir.resolve("out"),
              "--server=https://localhost:" + server.port(),
              "--token-file=" + token,
              "--ca-file=" + caFile,
              "--deadline=5s"
            },
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "strongroom agent: delivery refused (401): "
                + Refusal.INVALID_TOKEN.reason()
                + System.lineSeparator());
    assertThat(
            registry
                .get("strongroom.deliveries")
                .tag("result", "unauthenticated")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aLockedStoreIsRetriedUntilTheDeadline() throws Exception {
    store.locked = true;
    assertThatThrownBy(() -> agent(server, "web-token", dir.resolve("out"), "1s").run())
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("gave up after 1s")
        .hasMessageContaining("503");
  }

  @Test
  void overloadIsAnswered429WithRetryAfter() throws Exception {
    server.close();
    ServingKeyManager keys = new ServingKeyManager();
    ca = new DeliveryCa(store, Clock.systemUTC(), random, Duration.ofDays(365), Duration.ZERO);
    ca.ensure();
    KeyPair pair = Certificates.newKeyPair(random);
    keys.use(
        pair.getPrivate(),
        new X509Certificate[] {
          Certificates.issueServing(
              ca.signer(),
              pair.getPublic(),
              List.of("localhost"),
              Instant.now(),
              Instant.now().plusSeconds(3600),
              random)
        });
    server = startServer(keys, 0);
    assertThatThrownBy(() -> agent(server, "web-token", dir.resolve("out"), "1s").run())
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("429");
    String answer = exchange(post("web-token", "close"));
    assertThat(statusLines(answer)).containsExactly("HTTP/1.1 429 Too Many Requests");
    assertThat(answer).contains("retry-after: 1");
  }

  @Test
  void theEndpointServesOnlyItsAeadSuites() throws Exception {
    SSLContext client = TestingTls.clientTrusting(ca.signer().certificate());

    // A suite it does not serve (CBC): no handshake.
    try (SSLSocket cbcOnly =
        (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      cbcOnly.setEnabledProtocols(new String[] {"TLSv1.2"});
      cbcOnly.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
      assertThatThrownBy(cbcOnly::startHandshake).isInstanceOf(SSLHandshakeException.class);
    }
    // The JDK's client with its defaults: TLS 1.3 with an AEAD suite.
    try (SSLSocket defaults =
        (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      defaults.startHandshake();
      assertThat(defaults.getSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(defaults.getSession().getCipherSuite()).endsWith("_GCM_SHA384");
    }
  }

  @Test
  void anAgentThatDoesNotTrustTheServerNeverSendsItsToken() throws Exception {
    Path otherCa = dir.resolve("other-ca.crt");
    Files.writeString(
        otherCa,
        Certificates.pem(
            List.of(
                Certificates.newAuthority(
                        "other", Instant.now(), Instant.now().plusSeconds(3600), random)
                    .certificate())));
    Path token = dir.resolve("token");
    Files.writeString(token, "web-token");
    Agent agent =
        new Agent(
            new AgentOptions(
                dir.resolve("out"),
                URI.create("https://localhost:" + server.port()),
                token,
                otherCa,
                Duration.ofMillis(300),
                false),
            random,
            System::nanoTime,
            false);
    assertThatThrownBy(agent::run)
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("gave up");
    assertThat(reviewer.calls).hasValue(0);
  }

  @Test
  void anAgentRefusesACertificateForAnotherNameBeforeSendingItsToken() throws Exception {
    server.close();
    KeyPair pair = Certificates.newKeyPair(random);
    ServingKeyManager elsewhere = new ServingKeyManager();
    elsewhere.use(
        pair.getPrivate(),
        new X509Certificate[] {
          Certificates.issueServing(
              ca.signer(),
              pair.getPublic(),
              List.of("delivery.elsewhere.example"),
              Instant.now(),
              Instant.now().plusSeconds(3600),
              random),
          ca.signer().certificate()
        });
    server = startServer(elsewhere, 64);

    assertThatThrownBy(() -> agent(server, "web-token", dir.resolve("out"), "300ms").run())
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("gave up")
        // JDK 17 says "HTTPS hostname wrong:  should be <localhost>", later ones "Wrong HTTPS
        // hostname: should be <localhost>".
        .hasMessageContaining("should be <localhost>");
    assertThat(reviewer.calls).hasValue(0);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void pipelinedRequestsAreAnsweredInTheirOrderAndCloseWhenAsked() throws Exception {
    // Three requests in one write: the first two take the worker pool (four threads) in turn, and
    // the third asks for the connection to close. A refusal needs no store, a delivery does, so
    // the slower one comes first.
    String requests =
        post("web-token", "keep-alive")
            + "GET /v1/deliveries HTTP/1.1\r\nHost: localhost\r\n\r\n"
            + post(null, "close");
    String answers = exchange(requests);

    assertThat(statusLines(answers))
        .containsExactly(
            "HTTP/1.1 200 OK", "HTTP/1.1 405 Method Not Allowed", "HTTP/1.1 401 Unauthorized");
    assertThat(answers)
        .contains("keep-alive: timeout=25")
        .contains("cache-control: no-store")
        .endsWith(Refusal.MISSING_TOKEN.reason() + "\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "NOT AN HTTP REQUEST\r\n\r\n",
        "POST /v1/%zz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"
      })
  void aRequestTheDecoderCannotReadIsAnswered400AndClosed(String request) throws Exception {
    String answers = exchange(request);

    assertThat(statusLines(answers)).containsExactly("HTTP/1.1 400 Bad Request");
    assertThat(answers).endsWith(Refusal.MALFORMED.reason() + "\n");
    assertThat(registry.get("strongroom.deliveries").tag("result", "bad_request").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aConnectionThatPipelinesMoreThanItMayHaveUnansweredGetsThatManyAnswersAndIsClosed()
      throws Exception {
    String get = "GET /v1/deliveries HTTP/1.1\r\nHost: localhost\r\n\r\n";

    String answers = exchange(get.repeat(DeliveryRequests.MAX_UNANSWERED + 4));

    assertThat(statusLines(answers))
        .hasSize(DeliveryRequests.MAX_UNANSWERED)
        .containsOnly("HTTP/1.1 405 Method Not Allowed");
  }

  private static String post(String token, String connection) {
    return "POST /v1/deliveries HTTP/1.1\r\nHost: localhost\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + "Content-Length: 0\r\nConnection: "
        + connection
        + "\r\n\r\n";
  }

  /**
   * Writes {@code requests} at once on a new TLS connection and reads until the server closes it
   * (the socket's timeout fails a server that does not).
   */
  private String exchange(String requests) throws Exception {
    SSLContext client = TestingTls.clientTrusting(ca.signer().certificate());
    try (SSLSocket socket =
        (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** The status lines in {@code answers}; a delivery's body ends without a line break. */
  private static List<String> statusLines(String answers) {
    return Pattern.compile("HTTP/1\\.1 \\d{3} [^\\r]*")
        .matcher(answers)
        .results()
        .map(MatchResult::group)
        .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void theNextHandshakeAfterASwapPresentsTheNewServingCertificate(String protocol)
      throws Exception {
    X509Certificate before = handshake(protocol);
    KeyPair pair = Certificates.newKeyPair(random);
    X509Certificate next = TestingTls.serving(ca.signer(), pair, random);
    keys.use(pair.getPrivate(), new X509Certificate[] {next, ca.signer().certificate()});

    assertThat(handshake(protocol)).isEqualTo(next).isNotEqualTo(before);
  }

  /** A handshake over {@code protocol} with the server; the certificate it presented. */
  private X509Certificate handshake(String protocol) throws Exception {
    SSLContext client = TestingTls.clientTrusting(ca.signer().certificate());
    try (SSLSocket socket =
        (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** The TLS the endpoint runs here: BoringSSL, which must load wherever the tests run. */
  ServingTls.Engine engine() {
    return ServingTls.Engine.BORINGSSL;
  }

  private DeliveryServer startServer(ServingKeyManager keys, int maxPending) throws Exception {
    return DeliveryServer.start(
        0,
        engine(),
        keys,
        new DeliveryService(new DeliveryAuthorizer(reviewer, objects), store),
        new DeliveryMetrics(registry),
        4,
        maxPending,
        random);
  }

  private Agent agent(DeliveryServer server, String tokenValue, Path out, String deadline)
      throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, tokenValue);
    return new Agent(
        AgentOptions.parse(
            new String[] {
              "--dir",
              out.toString(),
              "--server",
              "https://localhost:" + server.port(),
              "--token-file",
              token.toString(),
              "--ca-file",
              caFile.toString(),
              "--deadline",
              deadline
            }),
        random,
        System::nanoTime,
        false);
  }
}
