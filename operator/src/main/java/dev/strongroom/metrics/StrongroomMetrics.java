package dev.strongroom.metrics;

import dev.strongroom.store.SecretStore;
import dev.strongroom.store.StoreSize;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** Strongroom's own metrics. Tags are bounded: reasons from a fixed set, never object names. */
public final class StrongroomMetrics {
  private final MeterRegistry registry;
  private final Counter versionsCreated;
  private final Counter grantRevisions;
  private final Counter rolloutsStarted;
  private final Counter servicesForgotten;
  private final Timer storeCommit;

  public StrongroomMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.versionsCreated =
        Counter.builder("strongroom.secret.versions")
            .description("Secret versions stored (created)")
            .register(registry);
    this.grantRevisions =
        Counter.builder("strongroom.grant.revisions.recorded")
            .description("Grant revisions recorded")
            .register(registry);
    this.rolloutsStarted =
        Counter.builder("strongroom.rollouts.started")
            .description("Rollouts started by a new grant revision")
            .register(registry);
    this.servicesForgotten =
        Counter.builder("strongroom.services.forgotten")
            .description("Deleted SwarmServices whose grant revisions the store forgot")
            .register(registry);
    this.storeCommit =
        Timer.builder("strongroom.store.commit")
            .description("Time for a store write to be committed by a majority")
            .publishPercentileHistogram()
            .register(registry);
  }

  /**
   * Reports whether this replica leads the store (1) or not (0), whether it is ready, and what it
   * holds: secrets, versions, their bytes, services and grant revisions (counted at most once per
   * scrape, from this replica's state).
   */
  public void watchStore(SecretStore store) {
    StoreSizeSampler size = new StoreSizeSampler(store::size);
    sizeGauge(
            size,
            "strongroom.store.secrets",
            "Secrets with at least one version in this replica's store",
            StoreSize::secrets)
        .register(registry);
    sizeGauge(
            size,
            "strongroom.store.secret.versions",
            "Secret versions held: the newest of each and those a grant revision names",
            StoreSize::versions)
        .register(registry);
    sizeGauge(
            size,
            "strongroom.store.value.bytes",
            "Bytes of the secret values held",
            StoreSize::valueBytes)
        .baseUnit("bytes")
        .register(registry);
    sizeGauge(
            size,
            "strongroom.store.services",
            "Services with grant revisions in the store",
            StoreSize::services)
        .register(registry);
    sizeGauge(
            size,
            "strongroom.store.grant.revisions",
            "Grant revisions held (each service keeps its newest ten)",
            StoreSize::revisions)
        .register(registry);
    Gauge.builder("strongroom.store.leader", store, s -> s.health().leader() ? 1 : 0)
        .description("1 when this replica is the store's Raft leader")
        .register(registry);
    Gauge.builder("strongroom.store.ready", store, s -> s.health().ready() ? 1 : 0)
        .description("1 when the store is unlocked, has a leader and has caught up")
        .register(registry);
  }

  /** A gauge of one figure of the store's size; only the gauges hold the sampler, strongly. */
  private static Gauge.Builder<StoreSizeSampler> sizeGauge(
      StoreSizeSampler size, String name, String description, ToLongFunction<StoreSize> figure) {
    return Gauge.builder(name, size, s -> figure.applyAsLong(s.get()))
        .description(description)
        .strongReference(true);
  }

  public void versionCreated() {
    versionsCreated.increment();
  }

  public void grantRevisionRecorded() {
    grantRevisions.increment();
    rolloutsStarted.increment();
  }

  public void serviceForgotten() {
    servicesForgotten.increment();
  }

  /** A rollout ended; {@code reason} is a Progressing condition reason. */
  public void rolloutFinished(String reason) {
    Counter.builder("strongroom.rollouts.finished")
        .description("Rollouts finished, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** Times a store write. */
  public <T> T timeCommit(Supplier<T> write) {
    return storeCommit.record(write);
  }

  public MeterRegistry registry() {
    return registry;
  }
}
