package dev.strongroom.cli;

import dev.strongroom.api.StrongroomApi;
import java.util.regex.Pattern;

/**
 * The checks shared by every way of writing a grant (command line and Compose), with Swarm's
 * parsing of a file mode.
 */
public final class GrantFields {
  private static final Pattern SWARM_NAME = Pattern.compile(StrongroomApi.SWARM_NAME_PATTERN);
  private static final Pattern NUMERIC_ID = Pattern.compile("^(0|[1-9][0-9]{0,9})$");
  private static final Pattern OCTAL = Pattern.compile("^0[oO]?[0-7]{1,11}$");
  private static final Pattern HEX = Pattern.compile("^0[xX][0-9a-fA-F]{1,8}$");
  private static final Pattern DECIMAL = Pattern.compile("^(0|[1-9][0-9]{0,9})$");
  private static final int MAX_SOURCE_LENGTH = 253;
  private static final int MAX_TARGET_LENGTH = 255;

  private GrantFields() {}

  /** Returns {@code source} when it can name a secret, else throws. */
  public static String source(String source) {
    if (source == null || source.isEmpty()) {
      throw new InvalidGrantException("source is required and must not be empty");
    }
    if (source.length() > MAX_SOURCE_LENGTH || !SWARM_NAME.matcher(source).matches()) {
      throw new InvalidGrantException(
          "source '"
              + source
              + "' is not a secret name (letters, digits and -_. inside, alphanumeric ends)");
    }
    return source;
  }

  /** Returns {@code target} when it is a plain file name under /run/secrets, else throws. */
  public static String target(String target) {
    if (target == null || target.isEmpty()) {
      throw new InvalidGrantException("target must not be empty");
    }
    if (target.contains("/") || target.indexOf('\0') >= 0) {
      throw new InvalidGrantException(
          "target '"
              + target
              + "' must be a file name without '/' (it is delivered as /run/secrets/<target>)");
    }
    if (target.equals(".") || target.equals("..")) {
      throw new InvalidGrantException("target must be a file name, not '" + target + "'");
    }
    if (target.length() > MAX_TARGET_LENGTH) {
      throw new InvalidGrantException("target is longer than " + MAX_TARGET_LENGTH + " characters");
    }
    return target;
  }

  /** Returns a numeric uid or gid; {@code field} is "uid" or "gid" for the message. */
  public static String numericId(String field, String value) {
    if (value == null
        || !NUMERIC_ID.matcher(value).matches()
        || Long.parseLong(value) > StrongroomApi.MAX_OWNER_ID) {
      throw new InvalidGrantException(
          field
              + " '"
              + value
              + "' must be a numeric user or group id, at most "
              + StrongroomApi.MAX_OWNER_ID);
    }
    return value;
  }

  /**
   * Parses a mode as Docker does ({@code strconv.ParseUint(s, 0, 32)}): {@code 0400} and {@code
   * 0o400} are octal, {@code 0x100} hexadecimal, {@code 256} decimal. The result is 0 to 0777.
   */
  public static int mode(String text) {
    String value = text == null ? "" : text;
    long mode;
    try {
      if (OCTAL.matcher(value).matches()) {
        mode = Long.parseLong(value.replaceFirst("^0[oO]?", "0"), 8);
      } else if (HEX.matcher(value).matches()) {
        mode = Long.parseLong(value.substring(2), 16);
      } else if (DECIMAL.matcher(value).matches()) {
        mode = Long.parseLong(value);
      } else {
        throw badMode(value);
      }
    } catch (NumberFormatException e) {
      throw badMode(value);
    }
    return mode(mode, value);
  }

  /**
   * Parses a mode that is always octal, with or without a leading {@code 0} or {@code 0o}, as
   * Compose reads a quoted mode ({@code "440"} is 0440).
   */
  public static int octalMode(String text) {
    String value = text == null ? "" : text;
    if (!value.matches("^(0[oO])?[0-7]{1,11}$")) {
      throw badMode(value);
    }
    return mode(Long.parseLong(value.replaceFirst("^0[oO]", ""), 8), value);
  }

  /** Returns {@code mode} when it is 0 to 0777; {@code written} is how the user wrote it. */
  public static int mode(long mode, String written) {
    if (mode < 0 || mode > StrongroomApi.MAX_MODE) {
      throw new InvalidGrantException(
          "mode " + written + " is out of range: a file mode is 0 to 0777 (octal)");
    }
    return (int) mode;
  }

  /** The error for a mode that is not a number. */
  public static InvalidGrantException badMode(String text) {
    return new InvalidGrantException(
        "mode '" + text + "' is not a number: write it in octal, e.g. 0400");
  }
}
