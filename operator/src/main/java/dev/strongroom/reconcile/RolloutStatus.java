package dev.strongroom.reconcile;

import dev.strongroom.api.Conditions;
import dev.strongroom.api.Conditions.Reasons;
import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmServiceStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Optional;

/** Reads a Deployment's rollout of one grant revision into a service's status and conditions. */
final class RolloutStatus {
  private RolloutStatus() {}

  /** Copies replica counts and sets Progressing, Ready and Degraded. */
  static void apply(
      Deployment deployment, long revision, SwarmServiceStatus status, ConditionList conditions) {
    DeploymentStatus d =
        deployment == null || deployment.getStatus() == null
            ? new DeploymentStatus()
            : deployment.getStatus();
    int wanted =
        deployment == null || deployment.getSpec().getReplicas() == null
            ? 0
            : deployment.getSpec().getReplicas();
    int updated = orZero(d.getUpdatedReplicas());
    int ready = orZero(d.getReadyReplicas());
    int available = orZero(d.getAvailableReplicas());
    int total = orZero(d.getReplicas());
    status.setReplicas(total);
    status.setReadyReplicas(ready);
    status.setUpdatedReplicas(updated);
    status.setAvailableReplicas(available);

    boolean observed =
        deployment != null
            && d.getObservedGeneration() != null
            && d.getObservedGeneration() >= deployment.getMetadata().getGeneration()
            && Long.toString(revision).equals(templateRevision(deployment));
    boolean failed =
        condition(d, "Progressing")
            .map(c -> "ProgressDeadlineExceeded".equals(c.getReason()))
            .orElse(false);
    boolean complete = observed && updated == wanted && total == wanted && available == wanted;

    if (failed) {
      conditions.set(
          Conditions.PROGRESSING,
          false,
          Reasons.ROLLOUT_FAILED,
          "the rollout of grant revision " + revision + " exceeded its progress deadline");
    } else if (complete) {
      conditions.set(
          Conditions.PROGRESSING,
          false,
          Reasons.ROLLOUT_COMPLETE,
          "all " + wanted + " pods run grant revision " + revision);
    } else {
      conditions.set(
          Conditions.PROGRESSING,
          true,
          Reasons.ROLLOUT_IN_PROGRESS,
          updated + " of " + wanted + " pods run grant revision " + revision);
    }
    boolean readyNow = complete && ready == wanted;
    conditions.set(
        Conditions.READY,
        readyNow,
        readyNow ? Reasons.REPLICAS_READY : Reasons.REPLICAS_NOT_READY,
        ready + " of " + wanted + " pods ready at grant revision " + revision);
    boolean degraded = failed || (observed && available < wanted && !conditionsProgressing(d));
    conditions.set(
        Conditions.DEGRADED,
        degraded,
        degraded ? (failed ? Reasons.ROLLOUT_FAILED : Reasons.UNAVAILABLE) : Reasons.AVAILABLE,
        available + " of " + wanted + " pods available");
  }

  /** Whether the Deployment, on {@code revision}, reports its progress deadline exceeded. */
  static boolean deadlineExceeded(Deployment deployment, long revision) {
    return deployment.getStatus() != null
        && Long.toString(revision).equals(templateRevision(deployment))
        && condition(deployment.getStatus(), "Progressing")
            .map(c -> "ProgressDeadlineExceeded".equals(c.getReason()))
            .orElse(false);
  }

  private static boolean conditionsProgressing(DeploymentStatus d) {
    return condition(d, "Progressing").map(c -> "True".equals(c.getStatus())).orElse(false)
        && condition(d, "Progressing")
            .map(c -> !"NewReplicaSetAvailable".equals(c.getReason()))
            .orElse(false);
  }

  private static String templateRevision(Deployment deployment) {
    var annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(StrongroomApi.GRANT_REVISION_ANNOTATION);
  }

  private static Optional<DeploymentCondition> condition(DeploymentStatus d, String type) {
    return d.getConditions() == null
        ? Optional.empty()
        : d.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
