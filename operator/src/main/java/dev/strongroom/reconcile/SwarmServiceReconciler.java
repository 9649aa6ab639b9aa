package dev.strongroom.reconcile;

import dev.strongroom.api.Conditions;
import dev.strongroom.api.Conditions.Reasons;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import dev.strongroom.api.SwarmServiceStatus;
import dev.strongroom.metrics.StrongroomMetrics;
import dev.strongroom.store.SecretMetadata;
import dev.strongroom.store.SecretStore;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves a SwarmService's grants, records each change of them as a new grant revision in the
 * store, and applies the Deployment whose pods receive exactly that revision.
 */
@ControllerConfiguration(name = "swarmservice")
public final class SwarmServiceReconciler implements Reconciler<SwarmService> {
  static final String MANAGED_SELECTOR = "app.kubernetes.io/managed-by=strongroom";

  private final SecretStore store;
  private final GrantRevisionLedger ledger;
  private final DeploymentApplier deployments;
  private final RollbackPolicy rollback;
  private final RolloutEvents rollouts;
  private final EventRecorder events;
  private final Clock clock;
  private final Consumer<SwarmService> caBundleFor;

  /** The SwarmServices (this controller's own) and the SwarmSecrets (the other's). */
  private final ControllerStores stores;

  /**
   * {@code caBundleFor} publishes the delivery CA bundle in a service's namespace (a cheap no-op
   * once done); it is called before the service's Deployment is applied, since its pods mount it.
   */
  public SwarmServiceReconciler(
      ControllerStores stores,
      SecretStore store,
      DeploymentRenderer renderer,
      EventRecorder events,
      StrongroomMetrics metrics,
      Clock clock,
      Consumer<SwarmService> caBundleFor) {
    this.stores = stores;
    this.store = store;
    this.caBundleFor = caBundleFor;
    this.ledger = new GrantRevisionLedger(store, events, metrics);
    this.deployments = new DeploymentApplier(renderer);
    this.rollback = new RollbackPolicy(events);
    this.rollouts = new RolloutEvents(events, metrics);
    this.events = events;
    this.clock = clock;
  }

  /** Registers this reconciler with {@code operator}, its SwarmServices kept in its own store. */
  public void registerWith(Operator operator) {
    operator.register(this, configuration -> configuration.withItemStore(stores.services));
  }

  @Override
  public List<EventSource<?, SwarmService>> prepareEventSources(
      EventSourceContext<SwarmService> context) {
    IndexedItemStore.requireFor(context, stores.services);
    InformerEventSource<Deployment, SwarmService> deployments =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Deployment.class, SwarmService.class)
                .withLabelSelector(MANAGED_SELECTOR)
                .build(),
            context);
    StoreEvents<SwarmSecret, SwarmService> secretEvents =
        new StoreEvents<>(
            SwarmSecret.class,
            stores.servicesListing,
            stores.secrets,
            stores.secretsListing,
            this::servicesGranting,
            // Only what changes a grant: usedBy or condition updates would wake every service
            // that grants the secret, each time any of them changes.
            Grants::grantableChanged,
            StoreEvents.listedTimeout(context));
    return List.of(deployments, secretEvents);
  }

  @Override
  public UpdateControl<SwarmService> reconcile(
      SwarmService service, Context<SwarmService> context) {
    String statusBefore = StatusPatch.snapshot(context, service.getStatus());
    String namespace = service.getMetadata().getNamespace();
    ConditionList conditions = conditions(service);
    SwarmServiceStatus status =
        service.getStatus() == null ? new SwarmServiceStatus() : service.getStatus();
    status.setObservedGeneration(service.getMetadata().getGeneration());

    if (!hasPodTemplate(service)) {
      // Only an object admitted before the CRD required a spec and a pod template.
      notReady(
          service,
          status,
          conditions,
          Reasons.SPEC_MISSING,
          "spec.template.spec is missing; set the pod template, as in a Deployment");
      return withStatus(service, status, conditions, statusBefore, context);
    }
    Set<String> sources = Grants.sourcesOf(service);
    List<SwarmSecret> granted = grantedSecrets(namespace, sources);
    Map<String, SecretMetadata> stored =
        store
            .readSecretMetadata(
                namespace, granted.stream().map(s -> s.getMetadata().getName()).toList())
            .stream()
            .collect(Collectors.toMap(SecretMetadata::name, Function.identity()));
    GrantResolution resolution = GrantResolution.of(service, granted, stored);
    if (!resolution.resolved()) {
      if (ConditionList.isTrue(status.getConditions(), Conditions.SECRETS_RESOLVED)
          || ConditionList.find(status.getConditions(), Conditions.SECRETS_RESOLVED).isEmpty()) {
        events.warning(service, resolution.problemReason(), resolution.problem());
      }
      conditions.set(
          Conditions.SECRETS_RESOLVED, false, resolution.problemReason(), resolution.problem());
      Deployment current = context.getSecondaryResource(Deployment.class).orElse(null);
      if (status.getGrantRevision() != null) {
        RolloutStatus.apply(current, status.getGrantRevision(), status, conditions);
      } else {
        conditions.set(
            Conditions.READY, false, resolution.problemReason(), "waiting for its secrets");
        // Nothing is applied while a secret is missing: an earlier refusal no longer stands.
        if (ConditionList.find(status.getConditions(), Conditions.DEGRADED)
            .filter(c -> Reasons.DEPLOYMENT_REJECTED.equals(c.getReason()))
            .isPresent()) {
          conditions.set(
              Conditions.DEGRADED, false, resolution.problemReason(), "waiting for its secrets");
        }
      }
      return withStatus(service, status, conditions, statusBefore, context);
    }
    conditions.set(
        Conditions.SECRETS_RESOLVED,
        true,
        Reasons.RESOLVED,
        resolution.grants().size() + " granted secrets resolved");

    long latest = ledger.current(service, resolution);
    Optional<Deployment> current = context.getSecondaryResource(Deployment.class);
    Optional<Long> failed =
        rollback.rolledBack(service, status, latest, current, r -> ledger.owns(service, r));
    GrantSet target =
        failed.isPresent()
            ? ledger.earlier(service, failed.get() - 1)
            : new GrantSet(latest, resolution.grants(), resolution.valueBytes());
    Deployment applied;
    try {
      caBundleFor.accept(service);
      applied = deployments.apply(context.getClient(), service, target, current.orElse(null));
    } catch (KubernetesClientException e) {
      if (NamespaceTerminating.causedBy(e)) {
        // The namespace's deletion deletes the service next: nothing to roll, nothing to retry,
        // and no failure to log for each service of a namespace being deleted.
        return UpdateControl.noUpdate();
      }
      // Said once per refusal; the next reconcile tries again.
      String rejected = DeploymentRejection.of(e).orElseThrow(() -> e);
      notReady(service, status, conditions, Reasons.DEPLOYMENT_REJECTED, rejected);
      conditions.set(Conditions.DEGRADED, true, Reasons.DEPLOYMENT_REJECTED, rejected);
      return withStatus(service, status, conditions, statusBefore, context);
    }
    String before = RolloutEvents.progress(status.getConditions(), status.getGrantRevision());
    RolloutStatus.apply(applied, target.revision(), status, conditions);
    rollouts.reportEnd(service, before, conditions.toList(), target.revision());
    failed.ifPresent(
        f ->
            conditions.set(
                Conditions.DEGRADED,
                true,
                Reasons.ROLLED_BACK,
                RollbackPolicy.message(f, target.revision())));

    status.setGrantRevision(target.revision());
    status.setFailedGrantRevision(failed.orElse(null));
    status.setGrants(GrantResolution.toStatus(target.grants()));
    status.setSecretCount(target.grants().size());
    return withStatus(service, status, conditions, statusBefore, context);
  }

  private static boolean hasPodTemplate(SwarmService service) {
    return service.getSpec() != null
        && service.getSpec().getTemplate() != null
        && service.getSpec().getTemplate().getSpec() != null;
  }

  /**
   * Sets Ready false for {@code reason}, with a Warning Event unless Ready says so already (a
   * problem is told once, not at every reconcile while it lasts).
   */
  private void notReady(
      SwarmService service,
      SwarmServiceStatus status,
      ConditionList conditions,
      String reason,
      String message) {
    boolean told =
        ConditionList.find(status.getConditions(), Conditions.READY)
            .filter(c -> reason.equals(c.getReason()) && message.equals(c.getMessage()))
            .isPresent();
    if (!told) {
      events.warning(service, reason, message);
    }
    conditions.set(Conditions.READY, false, reason, message);
  }

  /** The service with {@code status} and {@code conditions}, patched if its status changed. */
  private static UpdateControl<SwarmService> withStatus(
      SwarmService service,
      SwarmServiceStatus status,
      ConditionList conditions,
      String statusBefore,
      Context<SwarmService> context) {
    status.setConditions(conditions.toList());
    service.setStatus(status);
    return StatusPatch.ifChanged(service, statusBefore, context);
  }

  private ConditionList conditions(SwarmService service) {
    return ConditionList.of(
        service,
        service.getStatus() == null ? List.of() : service.getStatus().getConditions(),
        clock);
  }

  private Set<ResourceID> servicesGranting(SwarmSecret secret) {
    return stores.servicesGranting(secret).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /**
   * The secrets of {@code namespace} that {@code sources} name, each once: looked up by either
   * name, rather than scanning every secret of the namespace.
   */
  private List<SwarmSecret> grantedSecrets(String namespace, Set<String> sources) {
    Map<String, SwarmSecret> byName = new TreeMap<>();
    for (String source : sources) {
      for (SwarmSecret secret : stores.secretsNamed(namespace, source)) {
        byName.putIfAbsent(secret.getMetadata().getName(), secret);
      }
    }
    return List.copyOf(byName.values());
  }
}
