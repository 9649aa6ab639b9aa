package dev.strongroom.reconcile;

import dev.strongroom.api.Conditions;
import dev.strongroom.api.Conditions.Reasons;
import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import dev.strongroom.api.SwarmServiceStatus;
import dev.strongroom.api.UpdateConfig;
import dev.strongroom.metrics.StrongroomMetrics;
import dev.strongroom.store.Grant;
import dev.strongroom.store.GrantRevision;
import dev.strongroom.store.SecretMetadata;
import dev.strongroom.store.SecretStore;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves a SwarmService's grants, records each change of them as a new grant revision in the
 * store, and applies the Deployment whose pods receive exactly that revision.
 */
@ControllerConfiguration(name = "swarmservice")
public final class SwarmServiceReconciler implements Reconciler<SwarmService> {
  static final String SOURCE_INDEX = "granted-source";
  static final String MANAGED_SELECTOR = "app.kubernetes.io/managed-by=strongroom";

  private final SecretStore store;
  private final DeploymentRenderer renderer;
  private final EventRecorder events;
  private final StrongroomMetrics metrics;
  private final Clock clock;
  private InformerEventSource<SwarmSecret, SwarmService> secrets;

  public SwarmServiceReconciler(
      SecretStore store,
      DeploymentRenderer renderer,
      EventRecorder events,
      StrongroomMetrics metrics,
      Clock clock) {
    this.store = store;
    this.renderer = renderer;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, SwarmService>> prepareEventSources(
      EventSourceContext<SwarmService> context) {
    context
        .getPrimaryCache()
        .addIndexer(
            SOURCE_INDEX,
            s ->
                Grants.sourcesOf(s).stream()
                    .map(source -> key(s.getMetadata().getNamespace(), source))
                    .toList());
    InformerEventSource<Deployment, SwarmService> deployments =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Deployment.class, SwarmService.class)
                .withLabelSelector(MANAGED_SELECTOR)
                .build(),
            context);
    secrets =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(SwarmSecret.class, SwarmService.class)
                .withSecondaryToPrimaryMapper(secret -> servicesGranting(context, secret))
                // Only what changes a grant: usedBy or condition updates would wake every
                // service that grants the secret, each time any of them changes.
                .withOnUpdateFilter(Grants::grantableChanged)
                .build(),
            context);
    return List.of(deployments, secrets);
  }

  @Override
  public UpdateControl<SwarmService> reconcile(
      SwarmService service, Context<SwarmService> context) {
    String namespace = service.getMetadata().getNamespace();
    ConditionList conditions = conditions(service);
    SwarmServiceStatus status =
        service.getStatus() == null ? new SwarmServiceStatus() : service.getStatus();
    status.setObservedGeneration(service.getMetadata().getGeneration());

    List<SwarmSecret> granted =
        secrets.list(namespace).filter(secret -> Grants.grants(service, secret)).toList();
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
      }
      status.setConditions(conditions.toList());
      service.setStatus(status);
      return UpdateControl.patchStatus(service);
    }
    conditions.set(
        Conditions.SECRETS_RESOLVED,
        true,
        Reasons.RESOLVED,
        resolution.grants().size() + " granted secrets resolved");

    long latest = currentRevision(service, resolution);
    GrantSet target = new GrantSet(latest, resolution.grants(), resolution.valueBytes());
    Long failed = rolledBackRevision(service, status, latest, context);
    if (failed != null) {
      target = previous(service, failed);
    }
    Deployment applied =
        apply(
            context.getClient(),
            service,
            target,
            context.getSecondaryResource(Deployment.class).orElse(null));
    String before = progressReason(status, status.getGrantRevision());
    RolloutStatus.apply(applied, target.revision(), status, conditions);
    reportRolloutEnd(service, before, conditions, target.revision());
    if (failed != null) {
      conditions.set(
          Conditions.DEGRADED,
          true,
          Reasons.ROLLED_BACK,
          "grant revision "
              + failed
              + " made no progress within update.progressDeadline and was rolled back to "
              + target.revision()
              + "; change the grants to try again");
    }

    status.setGrantRevision(target.revision());
    status.setFailedGrantRevision(failed);
    status.setGrants(GrantResolution.toStatus(target.grants()));
    status.setSecretCount(target.grants().size());
    status.setConditions(conditions.toList());
    service.setStatus(status);
    return UpdateControl.patchStatus(service);
  }

  /**
   * The revision rolled back under {@code failureAction: rollback}: the one recorded in status,
   * while it is still the newest, or the newest when its rollout just exceeded its deadline.
   */
  private Long rolledBackRevision(
      SwarmService service, SwarmServiceStatus status, long latest, Context<SwarmService> context) {
    if (Long.valueOf(latest).equals(status.getFailedGrantRevision())) {
      return latest;
    }
    boolean rollback =
        service.getSpec().getUpdate() != null
            && service.getSpec().getUpdate().getFailureAction()
                == UpdateConfig.FailureAction.ROLLBACK;
    if (!rollback || latest < 2) {
      return null;
    }
    boolean failed =
        context
            .getSecondaryResource(Deployment.class)
            .filter(d -> RolloutStatus.deadlineExceeded(d, latest))
            .isPresent();
    if (failed) {
      events.warning(
          service,
          Reasons.ROLLED_BACK,
          "grant revision "
              + latest
              + " made no progress within update.progressDeadline; rolling back to "
              + (latest - 1));
      return latest;
    }
    return null;
  }

  /** The revision before {@code failed}, as recorded in the store. */
  private GrantSet previous(SwarmService service, long failed) {
    GrantRevision previous =
        store
            .readGrantRevision(
                service.getMetadata().getNamespace(), service.getMetadata().getName(), failed - 1)
            .orElseThrow(
                () -> new IllegalStateException("grant revision " + (failed - 1) + " is missing"));
    // The same sizes as when the revision was recorded, so the template (and its ReplicaSet)
    // is exactly the earlier one.
    long bytes = 0;
    for (Grant grant : previous.grants()) {
      bytes += sizeOf(service.getMetadata().getNamespace(), grant);
    }
    return new GrantSet(previous.revision(), previous.grants(), bytes);
  }

  private long sizeOf(String namespace, Grant grant) {
    return store
        .readSecretVersion(namespace, grant.secretName(), grant.secretVersion())
        .map(
            version -> {
              try (version) {
                return (long) version.value().length();
              }
            })
        .orElse((long) StrongroomApi.MAX_VALUE_BYTES);
  }

  /** The newest revision when it grants exactly these; otherwise records a new one. */
  private long currentRevision(SwarmService service, GrantResolution resolution) {
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

  /**
   * Applies the rendered Deployment, unless the cached one was applied from the very same render
   * (its digest annotation matches): Deployment status events then cost no API write.
   */
  private Deployment apply(
      KubernetesClient client, SwarmService service, GrantSet grants, Deployment cached) {
    Deployment desired = renderer.render(service, grants);
    desired
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion(service.getApiVersion())
                    .withKind(service.getKind())
                    .withName(service.getMetadata().getName())
                    .withUid(service.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build()));
    String digest = RenderDigest.of(desired);
    if (cached != null
        && digest.equals(cached.getMetadata().getAnnotations().get(RenderDigest.ANNOTATION))) {
      return cached;
    }
    desired.getMetadata().getAnnotations().put(RenderDigest.ANNOTATION, digest);
    return client.resource(desired).fieldManager(Fields.MANAGER).serverSideApply();
  }

  /** The Progressing reason recorded for {@code revision}, or empty for another revision. */
  private static String progressReason(SwarmServiceStatus status, Long revision) {
    return ConditionList.find(status.getConditions(), Conditions.PROGRESSING)
        .map(c -> c.getReason() + "@" + revision)
        .orElse("");
  }

  private void reportRolloutEnd(
      SwarmService service, String before, ConditionList conditions, long revision) {
    ConditionList.find(conditions.toList(), Conditions.PROGRESSING)
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

  private static String describe(GrantResolution resolution) {
    return resolution.grants().isEmpty()
        ? "no secrets"
        : resolution.grants().stream()
            .map(g -> g.secretName() + " v" + g.secretVersion() + " as " + g.target())
            .collect(Collectors.joining(", "));
  }

  private ConditionList conditions(SwarmService service) {
    return ConditionList.of(
        service,
        service.getStatus() == null ? List.of() : service.getStatus().getConditions(),
        clock);
  }

  private static Set<ResourceID> servicesGranting(
      EventSourceContext<SwarmService> context, SwarmSecret secret) {
    String namespace = secret.getMetadata().getNamespace();
    Set<ResourceID> ids = new HashSet<>();
    for (String name : new HashSet<>(List.of(secret.getMetadata().getName(), secret.swarmName()))) {
      context.getPrimaryCache().byIndex(SOURCE_INDEX, key(namespace, name)).stream()
          .map(ResourceID::fromResource)
          .forEach(ids::add);
    }
    return ids;
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
