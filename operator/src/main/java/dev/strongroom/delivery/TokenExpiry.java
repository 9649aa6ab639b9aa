package dev.strongroom.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JWT's {@code exp} claim without verifying it, only to bound how long a review of it is
 * cached; the TokenReview stays the authority on validity.
 */
final class TokenExpiry {
  private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d{1,12})[,}\\s]");

  private TokenExpiry() {}

  static Optional<Instant> of(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      Matcher m = EXP.matcher(payload);
      return m.find()
          ? Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(1))))
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
