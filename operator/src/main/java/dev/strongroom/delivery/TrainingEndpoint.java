package dev.strongroom.delivery;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A delivery endpoint on a free port with a throwaway CA that refuses every token (401), for {@code
 * strongroom agent-training}: the image build runs the agent against it once with {@code
 * -XX:ArchiveClassesAtExit}, so that the class-data-sharing archive holds the classes of the
 * agent's path up to the endpoint's answer, the TLS handshake included (not those that write
 * files). It holds no store and serves nothing.
 */
public final class TrainingEndpoint implements AutoCloseable {
  private final DeliveryServer server;
  private final Path caFile;
  private final Path tokenFile;

  private TrainingEndpoint(DeliveryServer server, Path caFile, Path tokenFile) {
    this.server = server;
    this.caFile = caFile;
    this.tokenFile = tokenFile;
  }

  /** Starts on a free port, writing the CA certificate and a dummy token under {@code dir}. */
  public static TrainingEndpoint start(Path dir) throws IOException {
    SecureRandom random = new SecureRandom();
    Instant now = Instant.now();
    CertificateAuthority ca =
        Certificates.newAuthority("strongroom training CA", now, now.plusSeconds(3600), random);
    KeyPair pair = Certificates.newKeyPair(random);
    X509Certificate serving =
        Certificates.issueServing(
            ca, pair.getPublic(), List.of("127.0.0.1"), now, now.plusSeconds(3600), random);
    ServingKeyManager keys = new ServingKeyManager();
    keys.use(pair.getPrivate(), new X509Certificate[] {serving, ca.certificate()});
    DeliveryAuthorizer refuseAll =
        new DeliveryAuthorizer(
            token -> ReviewedToken.rejected(),
            (namespace, kind, name) -> {
              throw new IllegalStateException("the training endpoint looks nothing up");
            });
    DeliveryServer server =
        DeliveryServer.start(
            0,
            ServingTls.Engine.available(),
            keys,
            new DeliveryService(refuseAll, null),
            new DeliveryMetrics(new SimpleMeterRegistry()),
            1,
            8,
            random);
    Path caFile =
        Files.writeString(dir.resolve("ca.crt"), Certificates.pem(List.of(ca.certificate())));
    Path tokenFile = Files.writeString(dir.resolve("token"), "training", StandardCharsets.UTF_8);
    return new TrainingEndpoint(server, caFile, tokenFile);
  }

  public String url() {
    return "https://127.0.0.1:" + server.port();
  }

  public Path caFile() {
    return caFile;
  }

  public Path tokenFile() {
    return tokenFile;
  }

  @Override
  public void close() {
    server.close();
  }
}
