package dev.strongroom.delivery;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per delivery request on the logger {@code strongroom.audit}: who asked, what
 * they received, and the result; secret names only, never a value or a token.
 */
final class AuditLog {
  private static final Logger AUDIT = LoggerFactory.getLogger("strongroom.audit");

  void record(
      String namespace,
      String pod,
      String service,
      long revision,
      List<String> secrets,
      int status,
      String result,
      String reason,
      long micros) {
    AUDIT.info(
        "delivery result={} status={} namespace={} pod={} service={} revision={} secrets={}"
            + " reason=\"{}\" micros={}",
        result,
        status,
        orDash(namespace),
        orDash(pod),
        orDash(service),
        revision > 0 ? Long.toString(revision) : "-",
        secrets.isEmpty() ? "-" : String.join(",", secrets),
        reason,
        micros);
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }
}
