package dev.strongroom.reconcile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations ({@code 5s}, {@code 1m30s}), as Swarm's update_config writes them. */
final class Durations {
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|ms|s|m|h)");

  private Durations() {}

  /** Whole seconds, rounded up; {@code fallback} when absent. The schema has checked the form. */
  static int seconds(String duration, int fallback) {
    if (duration == null || duration.isEmpty()) {
      return fallback;
    }
    double seconds = 0;
    Matcher m = PART.matcher(duration);
    while (m.find()) {
      double value = Double.parseDouble(m.group(1));
      seconds +=
          switch (m.group(2)) {
            case "h" -> value * 3600;
            case "m" -> value * 60;
            case "s" -> value;
            case "ms" -> value / 1e3;
            case "us" -> value / 1e6;
            default -> value / 1e9;
          };
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(seconds));
  }
}
