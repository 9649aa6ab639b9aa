package dev.strongroom.e2e.support;

import static org.awaitility.Awaitility.await;

import dev.strongroom.api.Conditions;
import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmService;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** What tests wait for and read of a SwarmService: its status and its ReplicaSets' revisions. */
public final class ServiceState {
  private ServiceState() {}

  /** Waits until the service is Ready at {@code revision}. */
  public static SwarmService awaitRevisionReady(
      KubernetesClient client, String ns, String name, long revision, Duration timeout) {
    return awaitService(
        client,
        ns,
        name,
        timeout,
        s ->
            s.getStatus() != null
                && Long.valueOf(revision).equals(s.getStatus().getGrantRevision())
                && isTrue(s.getStatus().getConditions(), Conditions.READY));
  }

  public static SwarmService awaitService(
      KubernetesClient client,
      String ns,
      String name,
      Duration timeout,
      Predicate<SwarmService> done) {
    return await(name + " in " + ns)
        .atMost(timeout)
        .until(
            () -> client.resources(SwarmService.class).inNamespace(ns).withName(name).get(),
            s -> s != null && done.test(s));
  }

  /**
   * The grant revision of each of the service's ReplicaSets, one entry per ReplicaSet (sorted): one
   * per rollout, so an extra rollout of the same revision shows as the revision twice.
   */
  public static List<String> replicaSetRevisions(KubernetesClient client, String ns, String name) {
    return client
        .apps()
        .replicaSets()
        .inNamespace(ns)
        .withLabel(StrongroomApi.SERVICE_LABEL, name)
        .list()
        .getItems()
        .stream()
        .map(ReplicaSet::getSpec)
        .map(
            s ->
                s.getTemplate()
                    .getMetadata()
                    .getAnnotations()
                    .get(StrongroomApi.GRANT_REVISION_ANNOTATION))
        .sorted()
        .toList();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> c.getType().equals(type) && "True".equals(c.getStatus()));
  }
}
