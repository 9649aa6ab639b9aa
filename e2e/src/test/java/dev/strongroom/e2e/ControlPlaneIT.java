package dev.strongroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strongroom.e2e.support.ControlPlane;
import dev.strongroom.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The local control plane schedules and "runs" a plain Deployment on its kwok nodes. */
@ExtendWith(ControlPlane.class)
class ControlPlaneIT {
  @Test
  void plainDeploymentBecomesReadyOnKwokNodes(KubernetesClient client) {
    assertThat(client.nodes().withLabel("type", "kwok").list().getItems())
        .hasSize(2)
        .allSatisfy(node -> assertThat(ready(node)).isTrue());

    try (TestNamespace namespace = new TestNamespace(client, "plain-deployment")) {
      Deployment deployment =
          new DeploymentBuilder()
              .withNewMetadata()
              .withName("web")
              .endMetadata()
              .withNewSpec()
              .withReplicas(3)
              .withNewSelector()
              .withMatchLabels(Map.of("app", "web"))
              .endSelector()
              .withNewTemplate()
              .withNewMetadata()
              .withLabels(Map.of("app", "web"))
              .endMetadata()
              .withNewSpec()
              .addNewContainer()
              .withName("web")
              .withImage("nginx:1.27")
              .endContainer()
              .endSpec()
              .endTemplate()
              .endSpec()
              .build();
      client.resource(deployment).inNamespace(namespace.name()).create();

      await("3 ready replicas")
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                Deployment d =
                    client.apps().deployments().inNamespace(namespace.name()).withName("web").get();
                Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
                return ready != null && ready == 3;
              });
      assertThat(client.pods().inNamespace(namespace.name()).list().getItems())
          .hasSize(3)
          .extracting(Pod::getSpec)
          .allSatisfy(spec -> assertThat(spec.getNodeName()).startsWith("kwok-node-"));
    }
  }

  private static boolean ready(Node node) {
    return node.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
