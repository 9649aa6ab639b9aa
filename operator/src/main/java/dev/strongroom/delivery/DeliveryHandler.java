package dev.strongroom.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/deliveries} with {@code Authorization: Bearer <token>}: 200 with a {@link
 * DeliveryFormat} body, or a refusal status with a one-line {@code text/plain} reason (and
 * Retry-After when it is transient). Requests beyond {@code maxPending} queued or running get 429.
 */
final class DeliveryHandler implements HttpHandler {
  private static final int KEEP_ALIVE_SECONDS = 25;

  static final String PATH = "/v1/deliveries";
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryHandler.class);
  private static final String BEARER = "Bearer ";
  private static final int MAX_REQUEST_BYTES = 4096;

  private final DeliveryService service;
  private final DeliveryMetrics metrics;
  private final AuditLog audit;
  private final IntSupplier pending;
  private final int maxPending;

  DeliveryHandler(
      DeliveryService service,
      DeliveryMetrics metrics,
      AuditLog audit,
      IntSupplier pending,
      int maxPending) {
    this.service = service;
    this.metrics = metrics;
    this.audit = audit;
    this.pending = pending;
    this.maxPending = maxPending;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    RequestSubject subject = new RequestSubject();
    List<String> names = List.of();
    int status;
    String result;
    String reason;
    try (exchange) {
      // How long an idle connection stays open here (the JDK server closes it after 30 s): a
      // client that keeps connections (the JDK's assumes 5 s without this) can keep them that
      // long, and never reuses one this server has already closed.
      exchange.getResponseHeaders().set("Keep-Alive", "timeout=" + KEEP_ALIVE_SECONDS);
      drain(exchange.getRequestBody());
      try {
        checkRequest(exchange);
        String token = bearer(exchange.getRequestHeaders().getFirst("Authorization"));
        try (Delivery delivery = service.deliver(token, subject)) {
          names = delivery.secretNames();
          byte[] body = DeliveryFormat.encode(delivery.files());
          try {
            exchange.getResponseHeaders().set("Content-Type", DeliveryFormat.MEDIA_TYPE);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          } finally {
            Arrays.fill(body, (byte) 0);
          }
        }
        status = 200;
        result = "served";
        reason = "ok";
      } catch (DeliveryRefusedException e) {
        Refusal refusal = e.refusal();
        status = refusal.status();
        result = refusal.result();
        reason = refusal.reason();
        refuse(exchange, refusal.status(), refusal.reason(), refusal.retryAfterSeconds());
      } catch (RuntimeException e) {
        // Unexpected: the type only, since messages of lower layers are not ours to vouch for.
        LOG.warn("delivery failed unexpectedly: {}", e.getClass().getName());
        status = 500;
        result = "error";
        reason = "internal error";
        refuse(exchange, 500, reason, 1);
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    metrics.record(result, elapsed, status == 200 ? names.size() : 0);
    audit.record(
        subject.namespace(),
        subject.pod(),
        subject.service(),
        subject.revision(),
        names,
        status,
        result,
        reason,
        elapsed.toNanos() / 1000);
  }

  private void checkRequest(HttpExchange exchange) {
    if (!PATH.equals(exchange.getRequestURI().getPath())) {
      throw new DeliveryRefusedException(Refusal.NOT_FOUND);
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      throw new DeliveryRefusedException(Refusal.METHOD_NOT_ALLOWED);
    }
    if (pending.getAsInt() > maxPending) {
      throw new DeliveryRefusedException(Refusal.OVERLOADED);
    }
  }

  private static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return header.substring(BEARER.length()).trim();
  }

  private static void refuse(HttpExchange exchange, int status, String reason, int retryAfter)
      throws IOException {
    byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if (retryAfter > 0) {
      exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfter));
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void drain(InputStream body) throws IOException {
    body.readNBytes(MAX_REQUEST_BYTES);
  }
}
