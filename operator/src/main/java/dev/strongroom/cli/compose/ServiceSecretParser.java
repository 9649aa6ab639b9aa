package dev.strongroom.cli.compose;

import dev.strongroom.cli.GrantFields;
import dev.strongroom.cli.InvalidGrantException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a service's {@code secrets}: short syntax ({@code - name}) and long syntax (a mapping). */
final class ServiceSecretParser {
  private final ComposeWarnings warnings;

  ServiceSecretParser(ComposeWarnings warnings) {
    this.warnings = warnings;
  }

  List<ServiceSecret> parse(YamlNode node) {
    List<ServiceSecret> secrets = new ArrayList<>();
    for (YamlNode item : node.elements()) {
      secrets.add(item.isMapping() ? longSecret(item) : shortSecret(item));
    }
    return secrets;
  }

  private ServiceSecret shortSecret(YamlNode item) {
    return new ServiceSecret(item.text(), item.location(), null, null, null, null);
  }

  private ServiceSecret longSecret(YamlNode item) {
    String source = null;
    String target = null;
    String uid = null;
    String gid = null;
    Integer mode = null;
    for (Map.Entry<String, YamlNode> entry : item.entries().entrySet()) {
      YamlNode value = entry.getValue();
      try {
        switch (entry.getKey()) {
          case "source" -> source = value.text();
          case "target" -> target = GrantFields.target(value.text());
          case "uid" -> uid = GrantFields.numericId("uid", value.integerText());
          case "gid" -> gid = GrantFields.numericId("gid", value.integerText());
          case "mode" -> mode = fileMode(value);
          default -> warnings.unsupported(value.location(), value.path());
        }
      } catch (InvalidGrantException e) {
        throw value.error("is invalid: " + e.getMessage());
      }
    }
    if (source == null || source.isEmpty()) {
      throw item.error("needs a source");
    }
    return new ServiceSecret(source, item.location(), target, uid, gid, mode);
  }

  /**
   * A mode as Compose reads it: a YAML number ({@code 0400} and {@code 0o400} octal, {@code 256}
   * decimal), or a quoted string, which is always octal ({@code "440"} is 0440).
   */
  private static int fileMode(YamlNode value) {
    String written = value.text();
    if (value.isQuoted()) {
      return GrantFields.octalMode(written);
    }
    String number = value.integerText();
    if (!number.matches("0|[1-9][0-9]{0,9}")) {
      throw GrantFields.badMode(written);
    }
    return GrantFields.mode(Long.parseLong(number), written);
  }
}
