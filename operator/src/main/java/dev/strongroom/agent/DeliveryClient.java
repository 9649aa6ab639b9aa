package dev.strongroom.agent;

import dev.strongroom.delivery.DeliveryFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Asks the delivery endpoint for this pod's files over HTTPS (TLS 1.3 or 1.2), trusting only the
 * CAs of the given bundle.
 */
public final class DeliveryClient {
  private static final String PATH = "/v1/deliveries";
  private static final int MAX_REASON = 200;

  private final HttpClient http;
  private final URI endpoint;
  private final Duration timeout;

  public DeliveryClient(URI server, SSLContext tls, Duration timeout) {
    SSLParameters params = new SSLParameters();
    params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(tls)
            .sslParameters(params)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.endpoint = server.resolve(PATH);
    this.timeout = timeout;
  }

  /** A TLS context that trusts exactly the certificates in the PEM file {@code caFile}. */
  public static SSLContext trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> cas =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (cas.isEmpty()) {
        throw new AgentException("CA file " + caFile + " holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate ca : cas) {
        store.setCertificateEntry("ca" + i++, ca);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new AgentException("cannot read CA file " + caFile + ": " + describe(e), e);
    } catch (GeneralSecurityException e) {
      throw new AgentException("CA file " + caFile + " is not a PEM certificate bundle", e);
    }
  }

  /**
   * This pod's files; throws {@link TransientFailureException} for what may pass (no connection,
   * 429, 5xx) and {@link AgentException} for a refusal.
   */
  public List<DeliveryFormat.File> fetch(String token) throws TransientFailureException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .header("Accept", DeliveryFormat.MEDIA_TYPE)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new TransientFailureException(
          "cannot reach " + endpoint + ": " + describe(e), Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException("interrupted");
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 200) {
        return DeliveryFormat.decode(body);
      }
      String reason = reason(body);
      if (status == 429 || status >= 500) {
        throw new TransientFailureException(
            "delivery endpoint answered " + status + ": " + reason, retryAfter(response));
      }
      throw new AgentException("delivery refused (" + status + "): " + reason);
    } catch (IOException e) {
      throw new TransientFailureException(
          "delivery response broken off: " + describe(e), Duration.ZERO);
    }
  }

  private static String reason(InputStream body) throws IOException {
    String text = new String(body.readNBytes(MAX_REASON), StandardCharsets.UTF_8).strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse(null);
    if (value == null) {
      return Duration.ZERO;
    }
    try {
      return Duration.ofSeconds(Math.min(60, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }

  static String describe(Exception e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
