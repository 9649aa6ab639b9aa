package dev.strongroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.api.GenerateSource;
import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.SecretSource;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.api.SwarmSecretSpec;
import dev.strongroom.api.SwarmSecretStatus;
import dev.strongroom.api.SwarmService;
import dev.strongroom.api.SwarmServiceSpec;
import dev.strongroom.api.SwarmServiceStatus;
import dev.strongroom.e2e.support.ControlPlane;
import dev.strongroom.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code kubectl get ssec,ssvc} shows the columns people watch, with the status values. */
@ExtendWith(ControlPlane.class)
class PrinterColumnsIT {
  @Test
  void kubectlGetShowsSecretAndServiceColumns(
      KubernetesClient client, ControlPlane.Cluster cluster) {
    try (TestNamespace namespace = new TestNamespace(client, "printer-columns")) {
      String ns = namespace.name();
      SwarmSecret secret = client.resource(secret("pw")).inNamespace(ns).create();
      secret.setStatus(secretStatus());
      client.resource(secret).inNamespace(ns).updateStatus();

      SwarmService service = client.resource(service("psql")).inNamespace(ns).create();
      service.setStatus(serviceStatus());
      client.resource(service).inNamespace(ns).updateStatus();

      List<List<String>> rows = table(cluster.kubectl("get", "ssec,ssvc", "-n", ns));

      assertThat(rows.get(0)).containsExactly("NAME", "VERSION", "IN-USE", "READY", "AGE");
      assertThat(rows.get(1)).startsWith("swarmsecret.strongroom.dev/pw", "3", "True", "True");
      assertThat(rows.get(2))
          .containsExactly("NAME", "REPLICAS", "READY", "SECRETS", "REVISION", "AGE");
      assertThat(rows.get(3)).startsWith("swarmservice.strongroom.dev/psql", "2", "1", "2", "4");
    }
  }

  private static SwarmSecret secret(String name) {
    SwarmSecret secret = new SwarmSecret();
    secret.setMetadata(new ObjectMetaBuilder().withName(name).build());
    SwarmSecretSpec spec = new SwarmSecretSpec();
    SecretSource source = new SecretSource();
    source.setGenerate(new GenerateSource(16, GenerateSource.Charset.hex));
    spec.setSource(source);
    secret.setSpec(spec);
    return secret;
  }

  private static SwarmSecretStatus secretStatus() {
    SwarmSecretStatus status = new SwarmSecretStatus();
    status.setVersion(3L);
    status.setConditions(List.of(condition("InUse"), condition("Ready")));
    return status;
  }

  private static SwarmService service(String name) {
    SwarmService service = new SwarmService();
    service.setMetadata(new ObjectMetaBuilder().withName(name).build());
    SwarmServiceSpec spec = new SwarmServiceSpec();
    spec.setReplicas(2);
    spec.setTemplate(
        new PodTemplateSpecBuilder()
            .withNewSpec()
            .addNewContainer()
            .withName("db")
            .withImage("postgres:16")
            .endContainer()
            .endSpec()
            .build());
    spec.setSecrets(List.of(new SecretGrant("pw", null), new SecretGrant("api_key", "key")));
    service.setSpec(spec);
    return service;
  }

  private static SwarmServiceStatus serviceStatus() {
    SwarmServiceStatus status = new SwarmServiceStatus();
    status.setGrantRevision(4L);
    status.setReadyReplicas(1);
    status.setSecretCount(2);
    return status;
  }

  private static Condition condition(String type) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason("Testing")
        .withMessage("set by the test")
        .withLastTransitionTime("2026-01-01T00:00:00Z")
        .build();
  }

  /** Splits kubectl's table output into rows of whitespace-separated cells. */
  private static List<List<String>> table(String out) {
    return out.lines()
        .filter(line -> !line.isBlank())
        .map(line -> Arrays.asList(line.trim().split("\\s+")))
        .toList();
  }
}
