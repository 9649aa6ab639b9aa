package dev.strongroom.cli.compose;

import dev.strongroom.api.UpdateConfig;

/** A service's {@code deploy.update_config}; each field is null when unset. */
record UpdateDefinition(
    Integer parallelism,
    UpdateConfig.Order order,
    UpdateConfig.FailureAction failureAction,
    String monitor) {
  static final UpdateDefinition EMPTY = new UpdateDefinition(null, null, null, null);

  /** This config with every field that {@code override} sets replaced, as Docker merges. */
  UpdateDefinition mergedWith(UpdateDefinition override) {
    return new UpdateDefinition(
        pick(override.parallelism, parallelism),
        pick(override.order, order),
        pick(override.failureAction, failureAction),
        pick(override.monitor, monitor));
  }

  boolean isEmpty() {
    return equals(EMPTY);
  }

  private static <T> T pick(T override, T base) {
    return override != null ? override : base;
  }
}
