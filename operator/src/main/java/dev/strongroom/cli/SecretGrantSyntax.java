package dev.strongroom.cli;

import dev.strongroom.api.SecretGrant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Swarm's {@code --secret} syntax, as {@code docker service create} reads it: the short form {@code
 * name}, or the long form {@code source=..,target=..,uid=..,gid=..,mode=..} (comma separated, CSV
 * quoting allowed; {@code src} is an alias of {@code source}).
 */
public final class SecretGrantSyntax {
  private SecretGrantSyntax() {}

  /** Parses one {@code --secret} value, or throws one line that names the problem. */
  public static SecretGrant parse(String spec) {
    try {
      return parseFields(spec);
    } catch (InvalidGrantException e) {
      throw new InvalidGrantException("invalid secret '" + spec + "': " + e.getMessage());
    }
  }

  private static SecretGrant parseFields(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new InvalidGrantException("source is required and must not be empty");
    }
    List<String> fields = csvFields(spec);
    if (fields.size() == 1 && !fields.get(0).contains("=")) {
      return new SecretGrant(GrantFields.source(fields.get(0)), null);
    }
    SecretGrant grant = new SecretGrant();
    Set<String> seen = new HashSet<>();
    for (String field : fields) {
      int equals = field.indexOf('=');
      if (equals < 0) {
        throw new InvalidGrantException("field '" + field + "' must be a key=value pair");
      }
      String key = field.substring(0, equals).toLowerCase(Locale.ROOT);
      String value = field.substring(equals + 1);
      String canonical = key.equals("src") ? "source" : key;
      if (!seen.add(canonical)) {
        throw new InvalidGrantException(canonical + " is given twice");
      }
      switch (canonical) {
        case "source" -> grant.setSource(GrantFields.source(value));
        case "target" -> grant.setTarget(GrantFields.target(value));
        case "uid" -> grant.setUid(GrantFields.numericId("uid", value));
        case "gid" -> grant.setGid(GrantFields.numericId("gid", value));
        case "mode" -> grant.setMode(GrantFields.mode(value));
        default ->
            throw new InvalidGrantException(
                "unknown field '" + key + "' (known: source, target, uid, gid, mode)");
      }
    }
    if (grant.getSource() == null) {
      throw new InvalidGrantException("source is required");
    }
    return grant;
  }

  /** Splits one CSV record as Go's encoding/csv does: quotes only around a whole field. */
  private static List<String> csvFields(String spec) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (true) {
      if (i < spec.length() && spec.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= spec.length()) {
            throw new InvalidGrantException("a quote is not closed");
          }
          char c = spec.charAt(i++);
          if (c == '"') {
            if (i < spec.length() && spec.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        if (i < spec.length() && spec.charAt(i) != ',') {
          throw new InvalidGrantException("unexpected text after a closing quote");
        }
      } else {
        while (i < spec.length() && spec.charAt(i) != ',') {
          char c = spec.charAt(i++);
          if (c == '"') {
            throw new InvalidGrantException("a quote may only surround a whole field");
          }
          field.append(c);
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= spec.length()) {
        return fields;
      }
      i++; // the comma
    }
  }
}
