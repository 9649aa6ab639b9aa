package dev.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.api.SwarmService;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code service create --dry-run} builds the manifest without a cluster. */
class ServiceCreateCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void dryRunPrintsTheServiceWithItsGrants() {
    int exit =
        run(
            "service",
            "create",
            "shop_web",
            "--image",
            "nginx:1.27",
            "--replicas",
            "2",
            "--secret",
            "psql_password",
            "--secret",
            "source=api,target=key,uid=999,mode=0400",
            "-e",
            "A=1",
            "-n",
            "prod",
            "--update-monitor",
            "0s",
            "--dry-run",
            "--",
            "nginx",
            "-g",
            "daemon off;");

    assertThat(exit).as(err.toString()).isZero();
    SwarmService service =
        new KubernetesSerialization().unmarshal(out.toString(), SwarmService.class);
    assertThat(service.getMetadata().getName()).matches("shop-web-[0-9a-f]{8}");
    assertThat(service.getMetadata().getNamespace()).isEqualTo("prod");
    assertThat(service.getSpec().getReplicas()).isEqualTo(2);
    assertThat(service.getSpec().getUpdate().getMonitor()).isEqualTo("0s");
    assertThat(service.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("com.docker.swarm.service.name", "shop_web");
    var container = service.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("nginx:1.27");
    assertThat(container.getArgs()).containsExactly("nginx", "-g", "daemon off;");
    assertThat(container.getEnv())
        .extracting(e -> e.getName() + "=" + e.getValue())
        .containsExactly("A=1");
    assertThat(service.getSpec().getSecrets())
        .extracting(
            g -> g.getSource() + "->" + g.effectiveTarget() + ":" + g.getUid() + ":" + g.getMode())
        .containsExactly("psql_password->psql_password:null:null", "api->key:999:256");
  }

  @Test
  void twoGrantsWithOneTargetAreRefusedBeforeAnyCall() {
    int exit =
        run(
            "service",
            "create",
            "web",
            "--image",
            "nginx",
            "--secret",
            "source=a,target=x",
            "--secret",
            "source=b,target=x",
            "-n",
            "prod");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "strongroom service create: two secrets are added with the same target 'x': each file"
                + " under /run/secrets needs its own\n");
  }

  private int run(String... args) {
    CommandLine commandLine =
        StrongroomCommand.commandLine(Map.of(), InputStream.nullInputStream());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
