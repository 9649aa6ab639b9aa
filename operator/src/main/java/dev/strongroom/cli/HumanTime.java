package dev.strongroom.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** "5 minutes ago", worded as Docker words it (go-units HumanDuration). */
final class HumanTime {
  private HumanTime() {}

  /** {@code timestamp} (RFC 3339) relative to {@code now}; empty when absent or unreadable. */
  static String ago(String timestamp, Instant now) {
    if (timestamp == null || timestamp.isBlank()) {
      return "";
    }
    try {
      return duration(Duration.between(Instant.parse(timestamp), now)) + " ago";
    } catch (DateTimeParseException e) {
      return timestamp;
    }
  }

  static String duration(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < 1) {
      return "Less than a second";
    }
    if (seconds == 1) {
      return "1 second";
    }
    if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = Math.round(seconds / 60.0);
    if (minutes == 1) {
      return "About a minute";
    }
    if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = Math.round(seconds / 3600.0);
    if (hours == 1) {
      return "About an hour";
    }
    if (hours < 48) {
      return hours + " hours";
    }
    if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    }
    if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return hours / 24 / 365 + " years";
  }
}
