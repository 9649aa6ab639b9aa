package dev.strongroom.cli.compose;

import java.util.Map;

/**
 * Compose's variable interpolation in values: {@code $VAR}, {@code ${VAR}}, {@code
 * ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}}, {@code
 * ${VAR:+replacement}}, {@code ${VAR+replacement}} and {@code $$} for a literal {@code $}.
 */
final class Interpolation {
  private final Map<String, String> environment;
  private final ComposeWarnings warnings;

  Interpolation(Map<String, String> environment, ComposeWarnings warnings) {
    this.environment = environment;
    this.warnings = warnings;
  }

  /** The value with every variable replaced; {@code at} places errors and warnings. */
  String apply(String value, Location at) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      char next = i + 1 < value.length() ? value.charAt(i + 1) : '\0';
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '{') {
        int close = closingBrace(value, i + 2);
        if (close < 0) {
          throw invalid(value, at);
        }
        out.append(braced(value.substring(i + 2, close), value, at));
        i = close + 1;
      } else if (isNameStart(next)) {
        int end = i + 1;
        while (end < value.length() && isNamePart(value.charAt(end))) {
          end++;
        }
        out.append(lookup(value.substring(i + 1, end), at));
        i = end;
      } else {
        throw invalid(value, at);
      }
    }
    return out.toString();
  }

  private String braced(String inner, String whole, Location at) {
    int end = 0;
    while (end < inner.length() && isNamePart(inner.charAt(end))) {
      end++;
    }
    String name = inner.substring(0, end);
    if (name.isEmpty() || !isNameStart(name.charAt(0))) {
      throw invalid(whole, at);
    }
    String rest = inner.substring(end);
    if (rest.isEmpty()) {
      return lookup(name, at);
    }
    boolean colon = rest.startsWith(":");
    String operator = colon ? rest.substring(0, Math.min(2, rest.length())) : rest.substring(0, 1);
    String argument = rest.substring(operator.length());
    String value = environment.get(name);
    boolean present = colon ? value != null && !value.isEmpty() : value != null;
    switch (operator.substring(operator.length() - 1)) {
      case "-":
        return present ? value : apply(argument, at);
      case "+":
        return present ? apply(argument, at) : "";
      case "?":
        if (!present) {
          String reason = argument.isEmpty() ? "" : ": " + apply(argument, at);
          throw new ComposeException(at, "required variable " + name + " is not set" + reason);
        }
        return value;
      default:
        throw invalid(whole, at);
    }
  }

  private String lookup(String name, Location at) {
    String value = environment.get(name);
    if (value == null) {
      warnings.warn(at, "variable " + name + " is not set; substituting an empty string");
      return "";
    }
    return value;
  }

  private static int closingBrace(String value, int from) {
    int depth = 1;
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  private static ComposeException invalid(String value, Location at) {
    // The value is not echoed: Compose values (environment) may hold credentials.
    return new ComposeException(at, "invalid interpolation format (write $$ for a literal $)");
  }
}
