package dev.strongroom.cli.compose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one Compose file's top level into a {@link ComposeProject}: {@code secrets} and {@code
 * services}; every other key is reported as unsupported.
 */
final class ComposeParser {
  /** The Compose specification's rule for service and secret keys. */
  private static final Pattern KEY = Pattern.compile("^[a-zA-Z0-9._-]+$");

  private final ComposeWarnings warnings;
  private final ServiceParser services;

  ComposeParser(Map<String, String> environment, ComposeWarnings warnings) {
    this.warnings = warnings;
    this.services = new ServiceParser(environment, warnings);
  }

  ComposeProject parse(YamlNode root, Path directory) {
    Map<String, SecretDefinition> secrets = new LinkedHashMap<>();
    Map<String, ServiceDefinition> parsed = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> entry : root.entries().entrySet()) {
      String key = entry.getKey();
      YamlNode value = entry.getValue();
      switch (key) {
        case "version" -> {} // obsolete in the Compose specification; carries no configuration
        case "secrets" -> {
          for (Map.Entry<String, YamlNode> secret : mappingOrEmpty(value).entrySet()) {
            secrets.put(secret.getKey(), secret(checkedKey(secret.getValue()), secret.getValue()));
          }
        }
        case "services" -> {
          for (Map.Entry<String, YamlNode> service : mappingOrEmpty(value).entrySet()) {
            parsed.put(
                service.getKey(),
                services.parse(checkedKey(service.getValue()), service.getValue()));
          }
        }
        default -> {
          if (!key.startsWith("x-")) {
            warnings.unsupported(value.location(), key);
          }
        }
      }
    }
    return new ComposeProject(directory, secrets, parsed);
  }

  private SecretDefinition secret(String key, YamlNode node) {
    Located<String> file = null;
    Located<String> environment = null;
    Located<String> name = null;
    Located<String> externalName = null;
    boolean external = false;
    for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
      YamlNode value = entry.getValue();
      switch (entry.getKey()) {
        case "file" -> file = new Located<>(value.text(), value.location());
        case "environment" -> environment = new Located<>(value.text(), value.location());
        case "name" -> name = new Located<>(value.text(), value.location());
        case "external" -> {
          if (value.isMapping()) {
            // The legacy form `external: {name: x}`.
            external = true;
            for (Map.Entry<String, YamlNode> legacy : value.entries().entrySet()) {
              if (legacy.getKey().equals("name")) {
                externalName =
                    new Located<>(legacy.getValue().text(), legacy.getValue().location());
              } else {
                warnings.unsupported(legacy.getValue().location(), legacy.getValue().path());
              }
            }
          } else {
            external = value.bool();
          }
        }
        default -> warnings.unsupported(value.location(), value.path());
      }
    }
    if (externalName != null) {
      if (name != null) {
        // As Docker: the older external.name and name cannot both be given.
        throw new ComposeException(
            externalName.location(), node.path() + ": external.name and name conflict; use name");
      }
      name = externalName;
    }
    int sources = (file != null ? 1 : 0) + (environment != null ? 1 : 0) + (external ? 1 : 0);
    if (sources != 1) {
      throw new ComposeException(
          node.location(),
          node.path()
              + (sources == 0
                  ? " needs one of file, environment or external"
                  : " may have only one of file, environment or external"));
    }
    return new SecretDefinition(key, node.location(), file, environment, external, name);
  }

  private static Map<String, YamlNode> mappingOrEmpty(YamlNode node) {
    return node.isNull() ? Map.of() : node.entries();
  }

  private static String checkedKey(YamlNode node) {
    String path = node.path();
    String key = path.substring(path.indexOf('.') + 1);
    if (!KEY.matcher(key).matches()) {
      throw new ComposeException(
          node.location(),
          path.substring(0, path.indexOf('.'))
              + ": '"
              + key
              + "' is not a valid name (letters, digits and ._- only)");
    }
    return key;
  }
}
