package dev.strongroom.reconcile;

import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmService;
import dev.strongroom.metrics.StrongroomMetrics;
import dev.strongroom.store.GrantedSecrets;
import dev.strongroom.store.SecretStore;
import java.util.stream.Collectors;

/** A service's grant revisions in the store: the current one, a new one, an earlier one. */
final class GrantRevisionLedger {
  /**
   * How many of a service's newest grant revisions the store keeps, as a Deployment keeps ten old
   * ReplicaSets by default. Pods need their own revision only while a rollout still replaces them
   * and {@code failureAction: rollback} needs the one before the newest; a pod of an older one is
   * refused (the service has no such grant revision) and replaced by the rollout. Without a limit
   * every rotation of a granted secret would keep its old value for good.
   */
  static final int RETAINED_REVISIONS = 10;

  private final SecretStore store;
  private final EventRecorder events;
  private final StrongroomMetrics metrics;

  GrantRevisionLedger(SecretStore store, EventRecorder events, StrongroomMetrics metrics) {
    this.store = store;
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * The newest revision when it was recorded for this service (not an earlier one by its name) and
   * grants exactly these; otherwise records a new one.
   */
  long current(SwarmService service, GrantResolution resolution) {
    String namespace = service.getMetadata().getNamespace();
    String name = service.getMetadata().getName();
    String uid = service.getMetadata().getUid();
    var latest = store.readLatestGrantRevision(namespace, name);
    // Not one recorded for an earlier service by this name: its pods could not receive it.
    if (latest.isPresent()
        && latest.get().belongsTo(uid)
        && latest.get().grants().equals(resolution.grants())) {
      return latest.get().revision();
    }
    long revision =
        metrics.timeCommit(
            () ->
                store.recordGrantRevision(
                    namespace, name, uid, resolution.grants(), RETAINED_REVISIONS));
    metrics.grantRevisionRecorded();
    events.normal(
        service,
        "GrantRevisionRecorded",
        "grant revision " + revision + ": " + describe(resolution) + "; rolling the pods");
    return revision;
  }

  /** Whether {@code revision} exists and was recorded for this service, not an earlier one. */
  boolean owns(SwarmService service, long revision) {
    return store
        .readGrantRevision(
            service.getMetadata().getNamespace(), service.getMetadata().getName(), revision)
        .filter(r -> r.belongsTo(service.getMetadata().getUid()))
        .isPresent();
  }

  /** An earlier revision, sized as when it was recorded so its template is exactly the same. */
  GrantSet earlier(SwarmService service, long revision) {
    String namespace = service.getMetadata().getNamespace();
    try (GrantedSecrets found =
        store
            .readGrantedSecrets(namespace, service.getMetadata().getName(), revision)
            .orElseThrow(
                () -> new IllegalStateException("grant revision " + revision + " is missing"))) {
      long bytes = 0;
      for (var version : found.versions()) {
        // A version deleted since counts as the largest value, so the volume stays big enough.
        bytes +=
            version
                .map(v -> (long) v.value().length())
                .orElse((long) StrongroomApi.MAX_VALUE_BYTES);
      }
      return new GrantSet(found.revision().revision(), found.revision().grants(), bytes);
    }
  }

  private static String describe(GrantResolution resolution) {
    return resolution.grants().isEmpty()
        ? "no secrets"
        : resolution.grants().stream()
            .map(g -> g.secretName() + " v" + g.secretVersion() + " as " + g.target())
            .collect(Collectors.joining(", "));
  }
}
