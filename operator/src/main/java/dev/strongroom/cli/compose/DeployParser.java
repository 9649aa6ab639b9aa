package dev.strongroom.cli.compose;

import dev.strongroom.api.UpdateConfig;
import java.util.Map;

/** Reads a service's {@code deploy}: replicas, update_config and mode (replicated only). */
final class DeployParser {
  /** What {@code deploy} sets; nulls are unset. */
  record Deploy(Integer replicas, UpdateDefinition update) {}

  private final ComposeWarnings warnings;

  DeployParser(ComposeWarnings warnings) {
    this.warnings = warnings;
  }

  Deploy parse(YamlNode node) {
    Integer replicas = null;
    UpdateDefinition update = UpdateDefinition.EMPTY;
    for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
      YamlNode field = entry.getValue();
      switch (entry.getKey()) {
        case "replicas" -> replicas = field.nonNegativeInt();
        case "update_config" -> update = update(field);
        case "mode" -> mode(field);
        default -> warnings.unsupported(field.location(), field.path());
      }
    }
    return new Deploy(replicas, update);
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

  private void mode(YamlNode value) {
    switch (value.text()) {
      case "replicated" -> {}
      default ->
          warnings.warn(
              value.location(),
              value.path() + ": " + value.text() + " is not supported; replicas (default 1) apply");
    }
  }
}
