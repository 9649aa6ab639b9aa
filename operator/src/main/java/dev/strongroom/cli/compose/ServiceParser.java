package dev.strongroom.cli.compose;

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
  private final ServiceSecretParser secretParser;
  private final DeployParser deployParser;

  ServiceParser(Map<String, String> environment, ComposeWarnings warnings) {
    this.environment = environment;
    this.warnings = warnings;
    this.secretParser = new ServiceSecretParser(warnings);
    this.deployParser = new DeployParser(warnings);
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
        case "secrets" -> secrets = secretParser.parse(value);
        case "deploy" -> {
          DeployParser.Deploy deploy = deployParser.parse(value);
          replicas = deploy.replicas();
          update = deploy.update();
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
}
