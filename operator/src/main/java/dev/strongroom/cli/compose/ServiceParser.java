package dev.strongroom.cli.compose;

import dev.strongroom.api.UpdateConfig;
import dev.strongroom.cli.GrantFields;
import dev.strongroom.cli.InvalidGrantException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one Compose service: image, command, entrypoint, environment, secrets and deploy (replicas,
 * update_config); every other key is reported as unsupported.
 */
final class ServiceParser {
  private final Map<String, String> environment;
  private final ComposeWarnings warnings;

  ServiceParser(Map<String, String> environment, ComposeWarnings warnings) {
    this.environment = environment;
    this.warnings = warnings;
  }

  ServiceDefinition parse(String name, YamlNode node) {
    Located<String> image = null;
    List<String> entrypoint = null;
    List<String> command = null;
    Map<String, Located<String>> env = new LinkedHashMap<>();
    Integer replicas = null;
    UpdateDefinition update = UpdateDefinition.EMPTY;
    List<ServiceSecret> secrets = new ArrayList<>();
    for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
      YamlNode value = entry.getValue();
      switch (entry.getKey()) {
        case "image" -> image = new Located<>(value.text(), value.location());
        case "entrypoint" -> entrypoint = commandLine(value);
        case "command" -> command = commandLine(value);
        case "environment" -> env = environment(value);
        case "secrets" -> secrets = secrets(value);
        case "deploy" -> {
          for (Map.Entry<String, YamlNode> deploy : value.entries().entrySet()) {
            YamlNode field = deploy.getValue();
            switch (deploy.getKey()) {
              case "replicas" -> replicas = field.nonNegativeInt();
              case "update_config" -> update = update(field);
              case "mode" -> deployMode(field);
              default -> warnings.unsupported(field.location(), field.path());
            }
          }
        }
        default -> {
          if (!entry.getKey().startsWith("x-")) {
            warnings.unsupported(value.location(), value.path());
          }
        }
      }
    }
    return new ServiceDefinition(
        name, node.location(), image, entrypoint, command, env, replicas, update, secrets);
  }

  /** A command line in string form (split like a shell) or list form; null when unset. */
  private List<String> commandLine(YamlNode node) {
    if (node.isNull()) {
      return null;
    }
    List<String> words;
    if (node.isSequence()) {
      words = new ArrayList<>();
      for (YamlNode word : node.elements()) {
        words.add(word.text());
      }
    } else {
      try {
        words = ShellWords.split(node.text());
      } catch (IllegalArgumentException e) {
        throw node.error("cannot be split into words: " + e.getMessage());
      }
    }
    if (words.isEmpty()) {
      // Kubernetes cannot clear an image's entrypoint or command: an empty list means "unset".
      warnings.warn(
          node.location(),
          node.path() + " is empty: Kubernetes keeps the image's default instead; ignored");
      return null;
    }
    return words;
  }

  /** The map form ({@code KEY: value}) or list form ({@code - KEY=value}, {@code - KEY}). */
  private Map<String, Located<String>> environment(YamlNode node) {
    Map<String, Located<String>> env = new LinkedHashMap<>();
    if (node.isNull()) {
      return env;
    }
    if (node.isSequence()) {
      for (YamlNode item : node.elements()) {
        String text = item.text();
        int equals = text.indexOf('=');
        String key = equals < 0 ? text : text.substring(0, equals);
        if (key.isEmpty()) {
          throw item.error("has an empty variable name");
        }
        String value = equals < 0 ? environment.get(key) : text.substring(equals + 1);
        putOnce(env, key, value, item);
      }
    } else {
      for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
        YamlNode value = entry.getValue();
        putOnce(
            env,
            entry.getKey(),
            value.isNull() ? environment.get(entry.getKey()) : value.text(),
            value);
      }
    }
    return env;
  }

  private static void putOnce(
      Map<String, Located<String>> env, String key, String value, YamlNode at) {
    if (env.containsKey(key)) {
      throw at.error("sets " + key + " twice");
    }
    env.put(key, new Located<>(value, at.location()));
  }

  private List<ServiceSecret> secrets(YamlNode node) {
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

  private UpdateDefinition update(YamlNode node) {
    Integer parallelism = null;
    UpdateConfig.Order order = null;
    UpdateConfig.FailureAction failureAction = null;
    String monitor = null;
    for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
      YamlNode value = entry.getValue();
      switch (entry.getKey()) {
        case "parallelism" -> parallelism = value.nonNegativeInt();
        case "order" -> order = order(value);
        case "failure_action" -> failureAction = failureAction(value);
        case "monitor" -> monitor = duration(value);
        default -> warnings.unsupported(value.location(), value.path());
      }
    }
    return new UpdateDefinition(parallelism, order, failureAction, monitor);
  }

  private static UpdateConfig.Order order(YamlNode value) {
    return switch (value.text()) {
      case "stop-first" -> UpdateConfig.Order.STOP_FIRST;
      case "start-first" -> UpdateConfig.Order.START_FIRST;
      default -> throw value.error("must be stop-first or start-first");
    };
  }

  private UpdateConfig.FailureAction failureAction(YamlNode value) {
    return switch (value.text()) {
      case "pause" -> UpdateConfig.FailureAction.PAUSE;
      case "rollback" -> UpdateConfig.FailureAction.ROLLBACK;
      case "continue" -> {
        warnings.warn(
            value.location(),
            value.path() + ": continue is not supported; the default (pause) applies");
        yield null;
      }
      default -> throw value.error("must be pause, rollback or continue");
    };
  }

  private static String duration(YamlNode value) {
    String text = value.text();
    if (!text.matches("^([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+$")) {
      throw value.error("must be a duration such as 10s or 1m30s");
    }
    return text;
  }

  private void deployMode(YamlNode value) {
    switch (value.text()) {
      case "replicated" -> {}
      default ->
          warnings.warn(
              value.location(),
              value.path() + ": " + value.text() + " is not supported; replicas (default 1) apply");
    }
  }
}
