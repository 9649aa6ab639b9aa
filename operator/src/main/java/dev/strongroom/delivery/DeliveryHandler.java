package dev.strongroom.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/deliveries} with {@code Authorization: Bearer <token>}: 200 with a {@link
 * DeliveryFormat} body, or a refusal status with a one-line {@code text/plain} reason (and
 * Retry-After when it is transient). Each answer is counted and audited. The HTTP side is {@link
 * DeliveryServer}'s.
 */
final class DeliveryHandler {
  static final String PATH = "/v1/deliveries";
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryHandler.class);
  private static final String BEARER = "Bearer ";

  /**
   * An answer to send. A delivery's body holds secret values: {@link #wipe} it once it is written.
   * Best effort: the copies that HTTP encoding and TLS make of it on the way out are in Netty's
   * pooled buffers, which are reused without being zeroed (as the JDK's server's were).
   */
  record Answer(int status, String contentType, byte[] body, int retryAfterSeconds) {
    static Answer refusal(int status, String reason, int retryAfterSeconds) {
      return new Answer(
          status,
          "text/plain; charset=utf-8",
          (reason + "\n").getBytes(StandardCharsets.UTF_8),
          retryAfterSeconds);
    }

    void wipe() {
      Arrays.fill(body, (byte) 0);
    }
  }

  private final DeliveryService service;
  private final DeliveryMetrics metrics;
  private final AuditLog audit;

  DeliveryHandler(DeliveryService service, DeliveryMetrics metrics, AuditLog audit) {
    this.service = service;
    this.metrics = metrics;
    this.audit = audit;
  }

  /**
   * Answers one request. {@code overloaded}: more requests are waiting than the endpoint holds, so
   * a well-formed one is answered 429 without being looked at.
   */
  Answer handle(String method, String path, String authorization, boolean overloaded) {
    long start = System.nanoTime();
    RequestSubject subject = new RequestSubject();
    List<String> names = List.of();
    Answer answer;
    String result;
    String reason;
    try {
      checkRequest(method, path, overloaded);
      try (Delivery delivery = service.deliver(bearer(authorization), subject)) {
        names = delivery.secretNames();
        answer =
            new Answer(200, DeliveryFormat.MEDIA_TYPE, DeliveryFormat.encode(delivery.files()), 0);
      }
      result = "served";
      reason = "ok";
    } catch (DeliveryRefusedException e) {
      answer = refused(e.refusal());
      result = e.refusal().result();
      reason = e.refusal().reason();
    } catch (RuntimeException e) {
      // Unexpected: the type only, since messages of lower layers are not ours to vouch for.
      LOG.warn("delivery failed unexpectedly: {}", e.getClass().getName());
      result = "error";
      reason = "internal error";
      answer = Answer.refusal(500, reason, 1);
    }
    record(
        start,
        subject,
        answer.status() == 200 ? names : List.of(),
        answer.status(),
        result,
        reason);
    return answer;
  }

  /** Answers a request the HTTP decoder could not read (400), counted and audited. */
  Answer malformed() {
    long start = System.nanoTime();
    Refusal refusal = Refusal.MALFORMED;
    record(
        start,
        new RequestSubject(),
        List.of(),
        refusal.status(),
        refusal.result(),
        refusal.reason());
    return refused(refusal);
  }

  private void record(
      long start,
      RequestSubject subject,
      List<String> names,
      int status,
      String result,
      String reason) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    metrics.record(result, elapsed, names.size());
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

  private static Answer refused(Refusal refusal) {
    return Answer.refusal(refusal.status(), refusal.reason(), refusal.retryAfterSeconds());
  }

  private static void checkRequest(String method, String path, boolean overloaded) {
    if (!PATH.equals(path)) {
      throw new DeliveryRefusedException(Refusal.NOT_FOUND);
    }
    if (!"POST".equals(method)) {
      throw new DeliveryRefusedException(Refusal.METHOD_NOT_ALLOWED);
    }
    if (overloaded) {
      throw new DeliveryRefusedException(Refusal.OVERLOADED);
    }
  }

  private static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return header.substring(BEARER.length()).trim();
  }
}
