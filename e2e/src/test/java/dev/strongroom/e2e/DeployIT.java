package dev.strongroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.cli.StrongroomCommand;
import dev.strongroom.e2e.support.ControlPlane;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl apply -k deploy/} is accepted by the real API server, dry-run and for real. */
@ExtendWith(ControlPlane.class)
class DeployIT {
  private static final String NS = "strongroom-system";
  private static final List<String> KINDS =
      List.of(
          "ClusterRole/strongroom-operator",
          "ClusterRoleBinding/strongroom-operator",
          "ServiceAccount/strongroom",
          "ServiceAccount/strongroom-init",
          "Role/strongroom-operator",
          "Role/strongroom-init",
          "Role/strongroom-public",
          "Job/strongroom-init",
          "Service/strongroom-peers",
          "Service/strongroom-delivery",
          "Service/strongroom-metrics",
          "StatefulSet/strongroom",
          "PodDisruptionBudget/strongroom",
          "NetworkPolicy/strongroom-default-deny");

  private ControlPlane.Cluster cluster;

  @Test
  void deployIsAcceptedByServerSideDryRunThenForReal(ControlPlane.Cluster cluster) {
    this.cluster = cluster;
    String deploy = root().resolve("deploy").toString();

    String dryRun = cluster.kubectl("apply", "-k", deploy, "--dry-run=server");
    // The harness created the CRDs and the namespace with server-side apply, hence warnings.
    assertThat(dryRun.lines().filter(line -> !line.startsWith("Warning:")))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).endsWith("(server dry run)"));
    for (String object : KINDS) {
      assertThat(dryRun.toLowerCase()).contains(object.substring(object.indexOf('/') + 1));
    }

    cluster.kubectl("apply", "-k", deploy);
    for (String object : KINDS) {
      String[] kindName = object.split("/");
      String namespace = kindName[0].startsWith("Cluster") ? null : NS;
      List<String> args =
          namespace == null
              ? List.of("get", kindName[0].toLowerCase(), kindName[1], "-o", "name")
              : List.of(
                  "get", "-n", namespace, kindName[0].toLowerCase(), kindName[1], "-o", "name");
      assertThat(cluster.kubectl(args.toArray(String[]::new))).isNotBlank();
    }
    String single = root().resolve("deploy/overlays/single-replica").toString();
    assertThat(cluster.kubectl("apply", "-k", single, "--dry-run=server"))
        .contains("statefulset.apps/strongroom");
  }

  @Test
  void initCreatesTheKeyAndPeerTlsSecretsOnceAndKeepsThem(
      KubernetesClient client, ControlPlane.Cluster cluster, @TempDir Path work) {
    this.cluster = cluster;
    if (client.namespaces().withName(NS).get() == null) {
      cluster.kubectl("create", "namespace", NS);
    }
    String first = init(cluster, work);
    Secret kek = client.secrets().inNamespace(NS).withName("strongroom-kek").get();
    Secret tls = client.secrets().inNamespace(NS).withName("strongroom-peer-tls").get();

    assertThat(first)
        .contains("secret/strongroom-kek created", "secret/strongroom-peer-tls created");
    // The keys themselves never go into an assertion: its failure message would print them.
    assertThat(Base64.getDecoder().decode(kek.getData().get("key")).length).isEqualTo(32);
    assertThat(tls.getData().keySet()).containsExactlyInAnyOrder("tls.crt", "tls.key", "ca.crt");
    assertThat(kek.getImmutable()).isTrue();

    String second = init(cluster, work);
    assertThat(second).contains("secret/strongroom-kek exists; kept");
    Map<String, String> kept =
        client.secrets().inNamespace(NS).withName("strongroom-kek").get().getData();
    assertThat(kept.keySet()).isEqualTo(kek.getData().keySet());
    assertThat(kept.equals(kek.getData())).as("the key kept as it was").isTrue();
  }

  private static String init(ControlPlane.Cluster cluster, Path work) {
    StringWriter out = new StringWriter();
    var commandLine =
        StrongroomCommand.commandLine(
            Map.of("KUBECONFIG", cluster.kubeconfig().toString()),
            new ByteArrayInputStream(new byte[0]));
    commandLine.setOut(new PrintWriter(out, true));
    String previous = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", cluster.kubeconfig().toString());
    try {
      int exit = commandLine.execute("init", "--namespace=" + NS, "--work-dir=" + work);
      assertThat(exit).as(out.toString()).isZero();
    } finally {
      if (previous == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", previous);
      }
    }
    return out.toString();
  }

  @AfterEach
  void removeWhatWasInstalled() {
    // Everything but the namespace and the CRDs, which the other tests share. The Job's and the
    // StatefulSet's pods never run here: kwok nodes run no containers.
    cluster.kubectl(
        "delete",
        "-n",
        NS,
        "--ignore-not-found",
        "--wait=false",
        "statefulset,job,service,poddisruptionbudget,networkpolicy,role,rolebinding,serviceaccount",
        "-l",
        "app.kubernetes.io/part-of=strongroom");
    cluster.kubectl(
        "delete",
        "--ignore-not-found",
        "--wait=false",
        "clusterrole,clusterrolebinding",
        "-l",
        "app.kubernetes.io/part-of=strongroom");
    cluster.kubectl(
        "delete",
        "-n",
        NS,
        "--ignore-not-found",
        "secret",
        "strongroom-kek",
        "strongroom-peer-tls");
  }

  private static Path root() {
    return Path.of(System.getProperty("strongroom.root", "..")).toAbsolutePath().normalize();
  }
}
