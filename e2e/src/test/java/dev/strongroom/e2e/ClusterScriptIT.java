package dev.strongroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.e2e.support.ClusterScript;
import dev.strongroom.e2e.support.ControlPlane;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster.sh up} starts a second, independent cluster; {@code down} stops only it. */
@ExtendWith(ControlPlane.class)
class ClusterScriptIT {
  @Test
  void upStartsEveryComponentAndDownStopsExactlyThoseProcesses(
      KubernetesClient shared, @TempDir Path dir) throws IOException {
    ClusterScript script = new ClusterScript(dir.resolve("second"));
    Path kubeconfig = script.up();

    assertThat(script.status().lines())
        .map(line -> line.substring(0, line.indexOf(" (pid ")))
        .containsExactly(
            "etcd running",
            "kube-apiserver running",
            "kube-controller-manager running",
            "kube-scheduler running",
            "kwok running");
    List<Long> pids = pids(dir.resolve("second/pids"));
    assertThat(pids).hasSize(5).allSatisfy(pid -> assertThat(alive(pid)).isTrue());
    try (KubernetesClient second =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build()) {
      assertThat(second.nodes().list().getItems()).hasSize(2);
    }

    script.down();

    assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).isFalse());
    assertThat(dir.resolve("second")).doesNotExist();
    assertThat(shared.nodes().withLabel("type", "kwok").list().getItems()).hasSize(2);
  }

  private static List<Long> pids(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".pid"))
          .map(f -> Long.parseLong(read(f).strip()))
          .toList();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
