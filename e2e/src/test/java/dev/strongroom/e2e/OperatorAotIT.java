package dev.strongroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strongroom.api.Conditions;
import dev.strongroom.api.SwarmSecret;
import dev.strongroom.e2e.support.ControlPlane;
import dev.strongroom.e2e.support.Edits;
import dev.strongroom.e2e.support.Jdks;
import dev.strongroom.e2e.support.Manifests;
import dev.strongroom.e2e.support.OperatorReplicaProcess;
import dev.strongroom.e2e.support.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's launcher, {@code strongroom-operator}, on a JDK with an ahead-of-time cache (25 or
 * later; skipped without one): the first run records the cache in the data dir when it stops, the
 * next start maps it and reconciles as before, and the cache holds no value the operator handled.
 */
@ExtendWith(ControlPlane.class)
class OperatorAotIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @Test
  void firstRunRecordsTheCacheAndTheNextStartUsesIt(
      KubernetesClient client, ControlPlane.Cluster cluster, @TempDir Path dir) throws Exception {
    Optional<Path> javaHome = Jdks.withAotCache();
    assumeTrue(javaHome.isPresent(), "no JDK 25 or later (-Dstrongroom.aotJavaHome)");
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String canary = "aot-canary-" + HexFormat.of().formatHex(random);
    Path cacheDir = dir.resolve("s0").resolve("jvm");

    OperatorReplicaProcess operator =
        OperatorReplicaProcess.startWithLauncher(cluster, dir, javaHome.get());
    try (TestNamespace namespace = new TestNamespace(client, "aot")) {
      String ns = namespace.name();
      client
          .resource(Manifests.kubernetesSecret("legacy", "value", canary))
          .inNamespace(ns)
          .create();
      client.resource(Manifests.fromSecret("canary", "legacy", "value")).inNamespace(ns).create();
      awaitStored(client, ns, "canary");
      assertThat(mappedFiles(operator.pid()))
          .as("the JVM's own process, which records a cache and uses none")
          .anyMatch(path -> path.endsWith("/libjvm.so"))
          .noneMatch(path -> path.endsWith(".aot"));

      operator.close();
      List<Path> caches = files(cacheDir);
      assertThat(caches)
          .as("one cache, kept once a JVM accepted it")
          .singleElement()
          .satisfies(p -> assertThat(p.getFileName().toString()).matches("operator-.+\\.aot"));
      byte[] cache = Files.readAllBytes(caches.get(0));
      assertThat(indexOf(cache, "strongroom-sealing-key".getBytes(StandardCharsets.US_ASCII)))
          .as("the cache holds the code's own strings, such as the sealing key's ConfigMap name")
          .isNotEqualTo(-1);
      assertThat(indexOf(cache, canary.getBytes(StandardCharsets.US_ASCII)))
          .as("the value is nowhere in the cache")
          .isEqualTo(-1);
      assertThat(indexOf(cache, canary.getBytes(StandardCharsets.UTF_16BE))).isEqualTo(-1);
      assertThat(indexOf(cache, canary.getBytes(StandardCharsets.UTF_16LE))).isEqualTo(-1);

      operator.restart();
      assertThat(mappedFiles(operator.pid()))
          .filteredOn(path -> path.endsWith(".aot"))
          .containsExactly(caches.get(0).toRealPath().toString());
      // The restarted JVM reconciles the canary (made immutable, the same source): it reports the
      // new generation, and its value keeps version 1.
      long generation =
          Edits.edit(
                  client,
                  SwarmSecret.class,
                  ns,
                  "canary",
                  s -> {
                    s.getSpec().setImmutable(true);
                    return s;
                  })
              .getMetadata()
              .getGeneration();
      SwarmSecret reconciled =
          await("the canary reconciled by the restarted JVM")
              .atMost(TIMEOUT)
              .until(
                  () ->
                      client.resources(SwarmSecret.class).inNamespace(ns).withName("canary").get(),
                  s ->
                      s.getStatus() != null
                          && Long.valueOf(generation)
                              .equals(s.getStatus().getObservedGeneration()));
      assertThat(reconciled.getStatus().getVersion()).as("no new version").isEqualTo(1);
      client.resource(Manifests.generated("after-restart", null)).inNamespace(ns).create();
      assertThat(awaitStored(client, ns, "after-restart").getStatus().getVersion()).isEqualTo(1);
    } finally {
      operator.close();
    }
  }

  private static SwarmSecret awaitStored(KubernetesClient client, String ns, String name) {
    return await(name + " stored")
        .atMost(TIMEOUT)
        .until(
            () -> client.resources(SwarmSecret.class).inNamespace(ns).withName(name).get(),
            s ->
                s != null
                    && s.getStatus() != null
                    && s.getStatus().getConditions().stream()
                        .anyMatch(
                            c ->
                                c.getType().equals(Conditions.READY)
                                    && c.getStatus().equals("True")));
  }

  /** The files the process has mapped (the paths of this test have no spaces). */
  private static List<String> mappedFiles(long pid) throws IOException {
    try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/maps"))) {
      return lines
          .map(line -> line.substring(line.lastIndexOf(' ') + 1))
          .filter(path -> path.startsWith("/"))
          .distinct()
          .toList();
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  /** Where {@code needle} starts in {@code haystack}, or -1 (Latin-1 maps each byte to a char). */
  private static int indexOf(byte[] haystack, byte[] needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1)
        .indexOf(new String(needle, StandardCharsets.ISO_8859_1));
  }
}
