package dev.strongroom.agent;

import dev.strongroom.delivery.DeliveryFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
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
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Asks the delivery endpoint for this pod's files over HTTPS (TLS 1.3 or 1.2, which is all the
 * endpoint accepts), trusting only the CAs of the given bundle and checking the host name.
 *
 * <p>{@link HttpsURLConnection}, not {@code java.net.http.HttpClient}: the latter took 0.28 s to
 * start and its selector thread, blocked in native code, holds JVM exit for another 0.3 s, both in
 * every pod's init container. This client does its I/O on the calling thread.
 */
public final class DeliveryClient {
  private static final String PATH = "/v1/deliveries";
  private static final int MAX_REASON = 200;

  private final SSLSocketFactory sockets;
  private final URI endpoint;
  private final Duration timeout;

  public DeliveryClient(URI server, SSLContext tls, Duration timeout) {
    this.sockets = tls.getSocketFactory();
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
    HttpsURLConnection connection;
    int status;
    try {
      connection = (HttpsURLConnection) endpoint.toURL().openConnection();
      connection.setSSLSocketFactory(sockets);
      connection.setHostnameVerifier(NoOtherHost.INSTANCE);
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setRequestMethod("POST");
      connection.setRequestProperty("Authorization", "Bearer " + token);
      connection.setRequestProperty("Accept", DeliveryFormat.MEDIA_TYPE);
      // An empty, buffered body (Content-Length: 0). Not streaming mode: with it a 401 would
      // throw HttpRetryException and drop the endpoint's one-line reason.
      connection.setDoOutput(true);
      try (OutputStream none = connection.getOutputStream()) {
        // The token is the whole request.
      }
      status = connection.getResponseCode();
    } catch (IOException e) {
      throw new TransientFailureException(
          "cannot reach " + endpoint + ": " + describe(e), Duration.ZERO);
    }
    try (InputStream body =
        status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      if (status == 200) {
        return DeliveryFormat.decode(body);
      }
      String reason = body == null ? "" : reason(body);
      if (status == 429 || status >= 500) {
        throw new TransientFailureException(
            "delivery endpoint answered " + status + ": " + reason,
            retryAfter(connection.getHeaderField("Retry-After")));
      }
      throw new AgentException("delivery refused (" + status + "): " + reason);
    } catch (IOException e) {
      throw new TransientFailureException(
          "delivery response broken off: " + describe(e), Duration.ZERO);
    }
  }

  /**
   * Lets the host name check stand alone. With the default verifier the TLS socket checks the name
   * inside the handshake, and the JDK's trust manager first reads its whole public CA store ({@code
   * cacerts}) to learn whether the chain ends at a public CA: 18 % of the agent's CPU on its main
   * thread, for a chain that ends at Strongroom's own CA. With any other verifier the connection
   * checks the name itself once the handshake is done, with the same JDK host name checker and
   * before the request (the token) is written, and asks the verifier only about a mismatch: this
   * one refuses every mismatch.
   */
  private static final class NoOtherHost implements HostnameVerifier {
    static final NoOtherHost INSTANCE = new NoOtherHost();

    @Override
    public boolean verify(String host, SSLSession session) {
      return false;
    }
  }

  private static String reason(InputStream body) throws IOException {
    String text = new String(body.readNBytes(MAX_REASON), StandardCharsets.UTF_8).strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static Duration retryAfter(String value) {
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
