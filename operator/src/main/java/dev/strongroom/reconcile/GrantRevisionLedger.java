package dev.strongroom.reconcile;

import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmService;
import dev.strongroom.metrics.StrongroomMetrics;
import dev.strongroom.store.GrantedSecrets;
import dev.strongroom.store.SecretStore;
import java.util.stream.Collectors;

/** A service's grant revisions in the store: the current one, a new one, an earlier one. */
final class GrantRevisionLedger {
  private final SecretStore store;
  private final EventRecorder events;
  private final StrongroomMetrics metrics;

  GrantRevisionLedger(SecretStore store, EventRecorder events, StrongroomMetrics metrics) {
    this.store = store;
    this.events = events;
    this.metrics = metrics;
  }

  /** The newest revision when it grants exactly these; otherwise records a new one. */
  long current(SwarmService service, GrantResolution resolution) {
    String namespace = service.getMetadata().getNamespace();
    String name = service.getMetadata().getName();
    var latest = store.readLatestGrantRevision(namespace, name);
    if (latest.isPresent() && latest.get().grants().equals(resolution.grants())) {
      return latest.get().revision();
    }
    long revision =
        metrics.timeCommit(() -> store.recordGrantRevision(namespace, name, resolution.grants()));
    metrics.grantRevisionRecorded();
    events.normal(
        service,
        "GrantRevisionRecorded",
        "grant revision " + revision + ": " + describe(resolution) + "; rolling the pods");
    return revision;
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
