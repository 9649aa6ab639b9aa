package dev.strongroom.reconcile;

import dev.strongroom.api.Conditions.Reasons;
import dev.strongroom.api.SwarmService;
import dev.strongroom.api.SwarmServiceStatus;
import dev.strongroom.api.UpdateConfig;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Swarm's {@code failureAction: rollback}: a grant revision whose rollout exceeds its progress
 * deadline is rolled back to the revision before it, until the grants change again.
 */
final class RollbackPolicy {
  private final EventRecorder events;

  RollbackPolicy(EventRecorder events) {
    this.events = events;
  }

  /**
   * The revision that is rolled back: the one recorded in status while it is still the newest, or
   * the newest when its rollout just exceeded its deadline; empty otherwise.
   */
  Optional<Long> rolledBack(
      SwarmService service,
      SwarmServiceStatus status,
      long latest,
      Optional<Deployment> current,
      LongPredicate ownRevision) {
    if (Long.valueOf(latest).equals(status.getFailedGrantRevision())) {
      return Optional.of(latest);
    }
    UpdateConfig update = service.getSpec().getUpdate();
    boolean rollback =
        update != null && update.getFailureAction() == UpdateConfig.FailureAction.ROLLBACK;
    if (!rollback
        || latest < 2
        || current.filter(d -> RolloutStatus.deadlineExceeded(d, latest)).isEmpty()
        // The one before may be an earlier service's by this name, which these pods cannot get.
        || !ownRevision.test(latest - 1)) {
      return Optional.empty();
    }
    events.warning(
        service,
        Reasons.ROLLED_BACK,
        "grant revision "
            + latest
            + " made no progress within update.progressDeadline; rolling back to "
            + (latest - 1));
    return Optional.of(latest);
  }

  /** The Degraded message while {@code failed} stays rolled back to {@code running}. */
  static String message(long failed, long running) {
    return "grant revision "
        + failed
        + " made no progress within update.progressDeadline and was rolled back to "
        + running
        + "; change the grants to try again";
  }
}
