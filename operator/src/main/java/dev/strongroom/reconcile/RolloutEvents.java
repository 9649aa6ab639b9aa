package dev.strongroom.reconcile;

import dev.strongroom.api.Conditions;
import dev.strongroom.api.Conditions.Reasons;
import dev.strongroom.api.SwarmService;
import dev.strongroom.metrics.StrongroomMetrics;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Reports a rollout's end once, as an Event and a metric, when Progressing turns final. */
final class RolloutEvents {
  private final EventRecorder events;
  private final StrongroomMetrics metrics;

  RolloutEvents(EventRecorder events, StrongroomMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  /** The Progressing reason recorded for {@code revision}: compare before and after a pass. */
  static String progress(List<Condition> conditions, Long revision) {
    return ConditionList.find(conditions, Conditions.PROGRESSING)
        .map(c -> c.getReason() + "@" + revision)
        .orElse("");
  }

  void reportEnd(SwarmService service, String before, List<Condition> after, long revision) {
    ConditionList.find(after, Conditions.PROGRESSING)
        .filter(c -> !before.equals(c.getReason() + "@" + revision))
        .filter(
            c ->
                Reasons.ROLLOUT_COMPLETE.equals(c.getReason())
                    || Reasons.ROLLOUT_FAILED.equals(c.getReason()))
        .ifPresent(
            c -> {
              metrics.rolloutFinished(c.getReason());
              if (Reasons.ROLLOUT_FAILED.equals(c.getReason())) {
                events.warning(service, c.getReason(), c.getMessage());
              } else {
                events.normal(service, c.getReason(), c.getMessage());
              }
            });
  }
}
