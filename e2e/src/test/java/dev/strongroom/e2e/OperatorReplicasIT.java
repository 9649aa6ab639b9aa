package dev.strongroom.e2e;

import static dev.strongroom.e2e.support.Manifests.generated;
import static dev.strongroom.e2e.support.Manifests.grant;
import static dev.strongroom.e2e.support.Manifests.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmService;
import dev.strongroom.e2e.support.ControlPlane;
import dev.strongroom.e2e.support.Edits;
import dev.strongroom.e2e.support.OperatorReplicaProcess;
import dev.strongroom.e2e.support.RunningOperator;
import dev.strongroom.e2e.support.ServiceState;
import dev.strongroom.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three operator replicas, each a {@code java -jar strongroom.jar operator} process: one reconciles
 * (the Lease holder), all hold the store. Losing the leader hands reconciling to another replica
 * without an extra rollout or a lost version.
 */
@ExtendWith(ControlPlane.class)
class OperatorReplicasIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @Test
  void leaderChangeConvergesWithoutExtraRolloutOrLostVersion(
      KubernetesClient client, ControlPlane.Cluster cluster, @TempDir Path dir) throws Exception {
    List<OperatorReplicaProcess> replicas = OperatorReplicaProcess.start(cluster, dir, 3);
    try (TestNamespace namespace = new TestNamespace(client, "replicas")) {
      String ns = namespace.name();
      create(client, ns, generated("db-password", "db_password"));
      create(client, ns, service("db", 2, grant("db_password")));
      awaitRevisionReady(client, ns, "db", 1);

      String leader = leaseHolder(client);
      OperatorReplicaProcess leading =
          replicas.stream().filter(r -> r.id().equals(leader)).findFirst().orElseThrow();
      leading.close();
      await("another replica takes the lease")
          .atMost(TIMEOUT)
          .until(() -> !leader.equals(leaseHolder(client)));

      create(client, ns, generated("api-key", null));
      Edits.edit(
          client,
          SwarmService.class,
          ns,
          "db",
          s -> {
            s.getSpec().getSecrets().add(grant("api-key"));
            return s;
          });
      SwarmService after = awaitRevisionReady(client, ns, "db", 2);

      assertThat(after.getStatus().getGrants())
          .extracting(g -> g.getSecret() + "@" + g.getVersion())
          .containsExactly("db-password@1", "api-key@1");
      assertThat(ServiceState.replicaSetRevisions(client, ns, "db"))
          .containsExactlyInAnyOrder("1", "2");
      assertThat(
              client
                  .resources(SwarmSecret.class)
                  .inNamespace(ns)
                  .withName("db-password")
                  .get()
                  .getStatus()
                  .getVersion())
          .isEqualTo(1);
    } finally {
      replicas.forEach(OperatorReplicaProcess::close);
    }
  }

  private static String leaseHolder(KubernetesClient client) {
    Lease lease =
        client
            .leases()
            .inNamespace(RunningOperator.NAMESPACE)
            .withName("strongroom-operator")
            .get();
    return lease == null || lease.getSpec() == null ? "" : lease.getSpec().getHolderIdentity();
  }

  private static void create(KubernetesClient client, String ns, HasMetadata object) {
    client.resource(object).inNamespace(ns).create();
  }

  private static SwarmService awaitRevisionReady(
      KubernetesClient client, String ns, String name, long revision) {
    return ServiceState.awaitRevisionReady(client, ns, name, revision, TIMEOUT);
  }
}
