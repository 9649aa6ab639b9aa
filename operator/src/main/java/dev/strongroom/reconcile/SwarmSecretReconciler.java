package dev.strongroom.reconcile;

import dev.strongroom.api.Conditions;
import dev.strongroom.api.Conditions.Reasons;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmSecretStatus;
import dev.strongroom.api.SwarmService;
import dev.strongroom.metrics.StrongroomMetrics;
import dev.strongroom.store.SecretMetadata;
import dev.strongroom.store.SecretStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps each SwarmSecret's value in the store: a changed source adds a version, an unchanged one
 * never does. A secret that a service grants is kept (finalizer) until no service grants it.
 */
@ControllerConfiguration(name = "swarmsecret")
public final class SwarmSecretReconciler implements Reconciler<SwarmSecret>, Cleaner<SwarmSecret> {
  /**
   * A secret's reconciles after services' grant changes are gathered this long: its {@code usedBy}
   * and {@code InUse} message may lag that much, while a deletion is still judged by the services
   * as they are (the store's index, read at the reconcile).
   */
  static final Duration SERVICE_UPDATES_GATHERED = Duration.ofSeconds(1);

  /** A fromSecret source is re-read this often, since Kubernetes Secrets are not watched. */
  static final Duration FROM_SECRET_RESYNC = Duration.ofSeconds(60);

  private final SecretVersions versions;
  private final EventRecorder events;
  private final Clock clock;

  /** The SwarmSecrets (this controller's own) and the SwarmServices (the other's). */
  private final ControllerStores stores;

  SwarmSecretReconciler(
      ControllerStores stores, SecretVersions versions, EventRecorder events, Clock clock) {
    this.stores = stores;
    this.versions = versions;
    this.events = events;
    this.clock = clock;
  }

  /** The reconciler with its collaborators built from the operator's parts. */
  public static SwarmSecretReconciler create(
      ControllerStores stores,
      SecretStore store,
      SealingKeys sealingKeys,
      KubernetesClient client,
      EventRecorder events,
      StrongroomMetrics metrics,
      Clock clock,
      SecureRandom random) {
    SecretValueResolver resolver =
        new SecretValueResolver(client, sealingKeys, new ValueGenerator(random));
    return new SwarmSecretReconciler(
        stores, new SecretVersions(store, resolver, events, metrics), events, clock);
  }

  /** Registers this reconciler with {@code operator}, its SwarmSecrets kept in its own store. */
  public void registerWith(Operator operator) {
    operator.register(this, configuration -> configuration.withItemStore(stores.secrets));
  }

  @Override
  public List<EventSource<?, SwarmSecret>> prepareEventSources(
      EventSourceContext<SwarmSecret> context) {
    IndexedItemStore.requireFor(context, stores.secrets);
    StoreEvents<SwarmService, SwarmSecret> serviceEvents =
        new StoreEvents<SwarmService, SwarmSecret>(
                SwarmService.class,
                stores.secretsListing,
                stores.services,
                stores.servicesListing,
                this::secretsNamedBy,
                // Status patches of services would otherwise wake every secret they grant.
                Grants::namesChanged,
                StoreEvents.listedTimeout(context))
            .gatheringUpdatesFor(SERVICE_UPDATES_GATHERED);
    return List.of(serviceEvents);
  }

  @Override
  public UpdateControl<SwarmSecret> reconcile(SwarmSecret secret, Context<SwarmSecret> context) {
    String before = StatusPatch.snapshot(context, secret.getStatus());
    List<String> usedBy = usedBy(secret);
    ConditionList conditions = conditions(secret);
    setInUse(conditions, secret, usedBy);

    Optional<SecretMetadata> stored = versions.metadata(secret);
    try {
      stored = versions.storeIfChanged(secret, stored);
      conditions.set(
          Conditions.READY,
          true,
          Reasons.STORED,
          "version " + stored.orElseThrow().latestVersion() + " is stored");
    } catch (SecretSourceException e) {
      if (!ConditionList.find(conditions.toList(), Conditions.READY)
          .map(c -> e.reason().equals(c.getReason()) && "False".equals(c.getStatus()))
          .orElse(false)) {
        events.warning(secret, e.reason(), e.getMessage());
      }
      conditions.set(Conditions.READY, false, e.reason(), e.getMessage());
    }
    secret.setStatus(status(secret, stored, usedBy, conditions));
    UpdateControl<SwarmSecret> control = StatusPatch.ifChanged(secret, before, context);
    boolean fromSecret =
        secret.getSpec() != null
            && secret.getSpec().getSource() != null
            && secret.getSpec().getSource().getFromSecret() != null;
    return fromSecret ? control.rescheduleAfter(FROM_SECRET_RESYNC) : control;
  }

  @Override
  public DeleteControl cleanup(SwarmSecret secret, Context<SwarmSecret> context) {
    List<String> usedBy = usedBy(secret);
    if (!usedBy.isEmpty()) {
      String message = InUseMessage.of(secret.swarmName(), usedBy);
      ConditionList conditions = conditions(secret);
      conditions.set(Conditions.IN_USE, true, Reasons.IN_USE_DELETION_BLOCKED, message);
      secret.setStatus(status(secret, versions.metadata(secret), usedBy, conditions));
      context.getClient().resource(secret).patchStatus();
      events.warning(secret, Reasons.IN_USE_DELETION_BLOCKED, message);
      return DeleteControl.noFinalizerRemoval();
    }
    versions.forget(secret);
    return DeleteControl.defaultDelete();
  }

  /** The services that grant {@code secret}, by its metadata name or its Swarm name, sorted. */
  private List<String> usedBy(SwarmSecret secret) {
    return stores.servicesGranting(secret).stream()
        .map(service -> service.getMetadata().getName())
        .sorted()
        .toList();
  }

  private void setInUse(ConditionList conditions, SwarmSecret secret, List<String> usedBy) {
    if (usedBy.isEmpty()) {
      conditions.set(
          Conditions.IN_USE, false, Reasons.NOT_GRANTED, "no service grants this secret");
    } else {
      conditions.set(Conditions.IN_USE, true, Reasons.GRANTED, InUseMessage.usedBy(usedBy));
    }
  }

  private ConditionList conditions(SwarmSecret secret) {
    return ConditionList.of(
        secret, secret.getStatus() == null ? List.of() : secret.getStatus().getConditions(), clock);
  }

  private static SwarmSecretStatus status(
      SwarmSecret secret,
      Optional<SecretMetadata> stored,
      List<String> usedBy,
      ConditionList conditions) {
    SwarmSecretStatus status = new SwarmSecretStatus();
    status.setObservedGeneration(secret.getMetadata().getGeneration());
    stored.ifPresent(
        m -> {
          status.setVersion(m.latestVersion());
          status.setCreatedAt(m.createdAt().toString());
          status.setUpdatedAt(m.updatedAt().toString());
        });
    status.setUsedBy(usedBy);
    status.setConditions(conditions.toList());
    return status;
  }

  /** The secrets a service names, by metadata name or Swarm name, now or at its last revision. */
  private Set<ResourceID> secretsNamedBy(SwarmService service) {
    String namespace = service.getMetadata().getNamespace();
    Set<String> names = new HashSet<>(Grants.sourcesOf(service));
    names.addAll(Grants.grantedOf(service));
    Set<ResourceID> ids = new HashSet<>();
    for (String name : names) {
      ids.add(new ResourceID(name, namespace));
      stores.secretsNamed(namespace, name).stream().map(ResourceID::fromResource).forEach(ids::add);
    }
    return ids;
  }
}
