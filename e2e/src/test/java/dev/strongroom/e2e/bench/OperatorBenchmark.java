package dev.strongroom.e2e.bench;

import static dev.strongroom.e2e.support.Manifests.generated;
import static dev.strongroom.e2e.support.Manifests.grant;
import static dev.strongroom.e2e.support.Manifests.service;
import static org.awaitility.Awaitility.await;

import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.StrongroomApi;
import dev.strongroom.api.SwarmService;
import dev.strongroom.e2e.support.ControlPlane;
import dev.strongroom.e2e.support.Metrics;
import dev.strongroom.e2e.support.OperatorReplicaProcess;
import dev.strongroom.e2e.support.Pacing;
import dev.strongroom.e2e.support.TestNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator under load, on the real control plane (a benchmark, not a test: it prints figures
 * and asserts nothing about time). Run it alone:
 *
 * <pre>mvn -pl e2e verify -Dit.test=OperatorBenchmark [-Dbench.services=1000
 *     -Dbench.startSecrets=10000 -Dbench.startServices=2000]</pre>
 *
 * It measures (1) grant change to the Deployment template carrying the new revision over {@code
 * bench.services} services, first changed one after the other, then in blocks of {@code
 * bench.pacedChanges} (300) changed again at each of {@code bench.changeRates} (5,10,20) per
 * second, (2) the operator's heap after a full resync (after a GC), and (3) the time from a start
 * to every service Ready with {@code bench.startSecrets} secrets and {@code bench.startServices}
 * services, each service granted 5 secrets, and then {@code bench.restarts} (1) restarts in place
 * until every object was reconciled once. With {@code -Dbench.baselineJar=PATH} (another build's
 * strongroom.jar) the restarts alternate between that jar and this checkout's (ABBA, after one
 * restart that is not counted) and it prints the ratio of their medians; {@code
 * -Dbench.baselineJvmFlags="..."} makes the baseline this checkout's jar (or that one) with those
 * JVM flags added. {@code -Dbench.launcherJavaHome=JDK} runs (3) as the image does, through the
 * launcher {@code strongroom-operator} on that JDK: on JDK 25 and later the cold start records the
 * JVM's ahead-of-time cache as it stops, and the restarts use it (not with a baseline: each change
 * of jar or flags records anew). {@code -Dbench.services=0} skips (1) and (2). With {@code
 * -Dbench.auditLog=F} (a cluster whose API server writes its audit log there, see {@link
 * AuditTimings}) it also splits (1) into the operator's share and the API server's.
 */
@ExtendWith(ControlPlane.class)
class OperatorBenchmark {
  private static final int SERVICES = Integer.getInteger("bench.services", 1000);
  private static final int START_SECRETS = Integer.getInteger("bench.startSecrets", 10_000);
  private static final int START_SERVICES = Integer.getInteger("bench.startServices", 2_000);
  private static final int GRANTS_PER_SERVICE = 5;
  private static final int RESTARTS = Integer.getInteger("bench.restarts", 1);
  private static final Path BASELINE_JAR =
      System.getProperty("bench.baselineJar") == null
          ? null
          : Path.of(System.getProperty("bench.baselineJar"));
  private static final List<String> BASELINE_FLAGS =
      System.getProperty("bench.baselineJvmFlags", "").isBlank()
          ? List.of()
          : List.of(System.getProperty("bench.baselineJvmFlags").strip().split("\\s+"));
  private static final boolean BASELINE = BASELINE_JAR != null || !BASELINE_FLAGS.isEmpty();
  private static final Path LAUNCHER_JAVA_HOME =
      System.getProperty("bench.launcherJavaHome") == null
          ? null
          : Path.of(System.getProperty("bench.launcherJavaHome"));
  private static final Path AUDIT_LOG =
      System.getProperty("bench.auditLog") == null
          ? null
          : Path.of(System.getProperty("bench.auditLog"));
  private static final Duration LONG = Duration.ofMinutes(30);
  private static final String ADD_EXTRA =
      "[{\"op\":\"add\",\"path\":\"/spec/secrets/-\",\"value\":{\"source\":\"extra\"}}]";
  private static final String REMOVE_EXTRA = "[{\"op\":\"remove\",\"path\":\"/spec/secrets/1\"}]";

  /**
   * The paced phases' grant changes each, and their rates per second: on this machine the first
   * phase's back-to-back changes keep the control plane saturated with their own rollouts.
   */
  private static final int PACED_CHANGES = Integer.getInteger("bench.pacedChanges", 300);

  private static final List<Double> CHANGE_RATES =
      Stream.of(System.getProperty("bench.changeRates", "5,10,20").split(","))
          .filter(rate -> !rate.isBlank())
          .map(rate -> Double.valueOf(rate.strip()))
          .toList();

  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @Test
  void grantChangeLatencyHeapAndStartToReady(
      KubernetesClient client, ControlPlane.Cluster cluster, @TempDir Path dir) throws Exception {
    try {
      if (SERVICES > 0) {
        grantChanges(
            client, cluster, dir.resolve("changes"), new TestNamespace(client, "bench-changes"));
      }
      startToReady(
          client, cluster, dir.resolve("startup"), new TestNamespace(client, "bench-startup"));
    } finally {
      pool.shutdownNow();
    }
  }

  private void grantChanges(
      KubernetesClient client, ControlPlane.Cluster cluster, Path dir, TestNamespace namespace)
      throws Exception {
    String ns = namespace.name();
    OperatorReplicaProcess operator = OperatorReplicaProcess.start(cluster, dir, 1).get(0);
    try {
      create(client, ns, List.of(generated("base", null), generated("extra", null)));
      create(
          client,
          ns,
          IntStream.range(0, SERVICES)
              .mapToObj(i -> (HasMetadata) service("svc-" + i, 1, grant("base")))
              .toList());
      awaitAllAtRevision(client, ns, SERVICES, 1);
      changePhase(client, ns, operator, ADD_EXTRA, 2, 0, SERVICES, 0);
      int first = 0;
      for (double rate : CHANGE_RATES) {
        int count = Math.min(PACED_CHANGES, SERVICES - first);
        if (count <= 0) {
          break;
        }
        // Each paced phase changes services of its own, once the earlier phases' rollouts are over.
        int changed = first;
        await("every service Ready at its grant revision")
            .atMost(LONG)
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    countReady(client, ns, name -> serviceIndex(name) < changed ? 3 : 2)
                        == SERVICES);
        changePhase(client, ns, operator, REMOVE_EXTRA, 3, first, count, rate);
        first += count;
      }
      System.out.printf(
          "BENCH operator heap after a full resync of %d services: %.1f MiB (after GC)%n",
          SERVICES, heapAfterGc(operator) / 1048576.0);
    } finally {
      try {
        namespace.deleteAndAwait(LONG);
      } finally {
        operator.close();
      }
    }
  }

  /**
   * Changes the grants of {@code count} services from svc-{@code first} with {@code patch}, one
   * after the other ({@code rate} 0) or each at its scheduled time ({@code rate} per second,
   * latency still counted from when it was sent), and prints the time until each Deployment's
   * template carries {@code revision}.
   */
  private void changePhase(
      KubernetesClient client,
      String ns,
      OperatorReplicaProcess operator,
      String patch,
      long revision,
      int first,
      int count,
      double rate)
      throws Exception {
    String label = rate > 0 ? String.format("paced at %.0f/s", rate) : "back to back";
    Map<String, Long> seen = new ConcurrentHashMap<>();
    SharedIndexInformer<Deployment> informer =
        client
            .apps()
            .deployments()
            .inNamespace(ns)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Deployment d) {
                    record(d);
                  }

                  @Override
                  public void onUpdate(Deployment old, Deployment d) {
                    record(d);
                  }

                  @Override
                  public void onDelete(Deployment d, boolean unknown) {}

                  private void record(Deployment d) {
                    String annotation =
                        d.getSpec()
                            .getTemplate()
                            .getMetadata()
                            .getAnnotations()
                            .get(StrongroomApi.GRANT_REVISION_ANNOTATION);
                    // An earlier phase's services may be at this revision already: not this one's.
                    if (Long.toString(revision).equals(annotation)
                        && serviceIndex(d.getMetadata().getName()) >= first) {
                      seen.putIfAbsent(d.getMetadata().getName(), System.nanoTime());
                    }
                  }
                });
    try {
      long[] started = new long[count];
      long[] acknowledged = new long[count];
      double[] reconcilesBefore = reconcileSeconds(operator);
      Instant phaseStart = Instant.now();
      long wallStart = System.nanoTime();
      for (int i = 0; i < count; i++) {
        if (rate > 0) {
          Pacing.parkUntil(wallStart + (long) (i * 1e9 / rate));
        }
        started[i] = System.nanoTime();
        // One JSON patch, without a resourceVersion: the change is one API call.
        client
            .resources(SwarmService.class)
            .inNamespace(ns)
            .withName("svc-" + (first + i))
            .patch(PatchContext.of(PatchType.JSON), patch);
        acknowledged[i] = System.nanoTime();
      }
      await("all " + count + " templates at revision " + revision)
          .atMost(LONG)
          .until(
              () ->
                  IntStream.range(first, first + count)
                      .allMatch(i -> seen.containsKey("svc-" + i)));
      double wall = (System.nanoTime() - wallStart) / 1e9;
      double[] reconcilesAfter = reconcileSeconds(operator);
      double[] latencies =
          IntStream.range(0, count)
              .mapToDouble(i -> (seen.get("svc-" + (first + i)) - started[i]) / 1e6)
              .sorted()
              .toArray();
      double[] fromAck =
          IntStream.range(0, count)
              .mapToDouble(i -> (seen.get("svc-" + (first + i)) - acknowledged[i]) / 1e6)
              .sorted()
              .toArray();
      double patchMillis =
          IntStream.range(0, count).mapToDouble(i -> (acknowledged[i] - started[i]) / 1e6).sum()
              / count;
      double reconciles = reconcilesAfter[0] - reconcilesBefore[0];
      System.out.printf(
          "BENCH grant change -> template (%s): %d of %d services p50=%.1f ms p99=%.1f ms"
              + " max=%.1f ms (over %.1f s; each PATCH took %.1f ms on average)%n",
          label,
          count,
          SERVICES,
          percentile(latencies, 50),
          percentile(latencies, 99),
          latencies[latencies.length - 1],
          wall,
          patchMillis);
      System.out.printf(
          "BENCH grant change acknowledged by the API server -> template (%s): p50=%.1f ms"
              + " p99=%.1f ms; SwarmService reconciles meanwhile: %.0f, %.1f ms each on average%n",
          label,
          percentile(fromAck, 50),
          percentile(fromAck, 99),
          reconciles,
          reconciles > 0 ? (reconcilesAfter[1] - reconcilesBefore[1]) / reconciles * 1000 : 0);
      if (AUDIT_LOG != null) {
        printAuditTimings(ns, label, count, phaseStart, Instant.now());
      }
    } finally {
      informer.close();
    }
  }

  /**
   * The API server's own timestamps of the grant changes, from its audit log (AuditTimings). A
   * diagnostic: a log that lacks some changes is reported as such and ends nothing.
   */
  private static void printAuditTimings(
      String ns, String label, int count, Instant from, Instant to) {
    // The API server writes its audit log in batches: wait until every change's apply is in.
    AtomicReference<AuditTimings> audit = new AtomicReference<>();
    try {
      await("every grant change's apply in the audit log")
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () -> {
                audit.set(AuditTimings.read(AUDIT_LOG, ns));
                return audit.get().changes(from).size() == count;
              });
    } catch (ConditionTimeoutException e) {
      System.out.printf(
          "BENCH audit log %s: %d of %d grant changes found with their apply%n",
          AUDIT_LOG, audit.get() == null ? 0 : audit.get().changes(from).size(), count);
      if (audit.get() == null || audit.get().changes(from).isEmpty()) {
        return;
      }
    }
    Map<String, AuditTimings.Change> changes = audit.get().changes(from);
    double[] patch = sorted(changes.values().stream().mapToDouble(AuditTimings.Change::patch));
    double[] untilApply =
        sorted(changes.values().stream().mapToDouble(AuditTimings.Change::untilApply));
    double[] apply = sorted(changes.values().stream().mapToDouble(AuditTimings.Change::apply));
    double[] total = sorted(changes.values().stream().mapToDouble(c -> c.untilApply() + c.apply()));
    System.out.printf(
        "BENCH grant change by the API server's audit log (%s, %d changes; p50/p90/p99 ms):"
            + " acknowledged -> the operator's apply received %s (the operator's share); the"
            + " apply in the API server %s; acknowledged -> apply answered %s; the benchmark's"
            + " PATCH in the API server %s%n",
        label, changes.size(), spread(untilApply), spread(apply), spread(total), spread(patch));
    System.out.printf(
        "BENCH writes the API server received in the namespace meanwhile (%s): %s%n",
        label, audit.get().writesByResource(from, to));
  }

  private static double[] sorted(DoubleStream values) {
    return values.sorted().toArray();
  }

  private static String spread(double[] sorted) {
    return String.format(
        "%.1f/%.1f/%.1f", percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99));
  }

  private void startToReady(
      KubernetesClient client, ControlPlane.Cluster cluster, Path dir, TestNamespace namespace)
      throws Exception {
    String ns = namespace.name();
    long createStart = System.nanoTime();
    create(
        client,
        ns,
        IntStream.range(0, START_SECRETS)
            .mapToObj(i -> (HasMetadata) generated("secret-" + i, null))
            .toList());
    create(
        client,
        ns,
        IntStream.range(0, START_SERVICES)
            .mapToObj(
                i ->
                    (HasMetadata)
                        service(
                            "svc-" + i,
                            1,
                            IntStream.range(0, GRANTS_PER_SERVICE)
                                .mapToObj(
                                    g ->
                                        grant(
                                            "secret-"
                                                + ((i * GRANTS_PER_SERVICE + g) % START_SECRETS)))
                                .toArray(SecretGrant[]::new)))
            .toList());
    System.out.printf(
        "BENCH created %d secrets and %d services in %.1f s (operator stopped)%n",
        START_SECRETS, START_SERVICES, (System.nanoTime() - createStart) / 1e9);

    long start = System.nanoTime();
    OperatorReplicaProcess operator =
        LAUNCHER_JAVA_HOME == null
            ? OperatorReplicaProcess.start(cluster, dir, 1).get(0)
            : OperatorReplicaProcess.startWithLauncher(cluster, dir, LAUNCHER_JAVA_HOME);
    try {
      double processReady = (System.nanoTime() - start) / 1e9;
      awaitAllAtRevision(client, ns, START_SERVICES, 1);
      double reconciled = (System.nanoTime() - start) / 1e9;
      await("all services Ready")
          .atMost(LONG)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> countReady(client, ns, name -> 1) == START_SERVICES);
      double ready = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "BENCH start -> Ready with %d secrets, %d services: process ready %.1f s, all grant"
              + " revisions recorded %.1f s, all services Ready %.1f s%n",
          START_SECRETS, START_SERVICES, processReady, reconciled, ready);
      System.out.printf(
          "BENCH operator heap after start with %d secrets, %d services: %.1f MiB (after GC)%n",
          START_SECRETS, START_SERVICES, heapAfterGc(operator) / 1048576.0);

      // The operator's own share: a restart with everything in place has nothing to create, in
      // the store or in the cluster, and is done once every object was reconciled once. With a
      // baseline jar the restarts alternate between it and this checkout's, ABBA.
      // The first restarts after the cold start are slower whichever jar runs them, while the
      // control plane settles (ready after 26.0 and 22.5 s, then 16.0 and 17.0 s, in one run),
      // so a comparison does not count the first.
      Map<String, List<double[]>> restarts = new TreeMap<>();
      int settling = BASELINE ? 1 : 0;
      for (int i = -settling; i < RESTARTS; i++) {
        boolean baseline = BASELINE && (i % 4 == 1 || i % 4 == 2);
        String label = i < 0 ? "settling, not counted" : baseline ? "baseline" : "this build";
        double[] figures =
            baseline
                ? restart(client, ns, operator, BASELINE_JAR, BASELINE_FLAGS)
                : restart(client, ns, operator, null, List.of());
        if (i >= 0) {
          restarts.computeIfAbsent(label, k -> new ArrayList<>()).add(figures);
        }
        System.out.printf(
            "BENCH restart -> Ready with %d secrets, %d services in place (%s): process ready"
                + " %.1f s, every object reconciled once %.1f s (target start to Ready 10 s:"
                + " %.2fx), %d services Ready, none past grant revision 1%n",
            START_SECRETS,
            START_SERVICES,
            label,
            figures[0],
            figures[1],
            figures[1] / 10,
            countReady(client, ns, name -> 1));
      }
      restarts.forEach(
          (label, runs) ->
              System.out.printf(
                  "BENCH restart medians (%s, %d runs): process ready %.1f s, every object"
                      + " reconciled once %.1f s%n",
                  label, runs.size(), median(runs, 0), median(runs, 1)));
      if (restarts.size() == 2) {
        System.out.printf(
            "BENCH restart this build / baseline: process ready %.2fx, reconciled once %.2fx%n",
            median(restarts.get("this build"), 0) / median(restarts.get("baseline"), 0),
            median(restarts.get("this build"), 1) / median(restarts.get("baseline"), 1));
      }
    } finally {
      try {
        namespace.deleteAndAwait(LONG);
      } finally {
        operator.close();
      }
    }
  }

  /**
   * Restarts the replica in place ({@code jar}, or this checkout's when null, with {@code jvmFlags}
   * added) and returns the seconds from the launch to ready and to every object reconciled once.
   */
  private static double[] restart(
      KubernetesClient client,
      String ns,
      OperatorReplicaProcess operator,
      Path jar,
      List<String> jvmFlags)
      throws IOException {
    operator.close();
    long restart = System.nanoTime();
    operator.restart(jar, jvmFlags);
    double ready = (System.nanoTime() - restart) / 1e9;
    await("every object reconciled once after the restart")
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(200))
        // Until a controller's first reconcile ends, /metrics has no sample of its timer.
        .ignoreExceptionsInstanceOf(AssertionError.class)
        .until(
            () ->
                reconcileSeconds(operator, "swarmservice")[0] >= START_SERVICES
                    && reconcileSeconds(operator, "swarmsecret")[0] >= START_SECRETS);
    double reconciled = (System.nanoTime() - restart) / 1e9;
    awaitAllAtRevision(client, ns, START_SERVICES, 1);
    return new double[] {ready, reconciled};
  }

  /** 7 for svc-7. */
  private static int serviceIndex(String name) {
    return Integer.parseInt(name.substring("svc-".length()));
  }

  private static double median(List<double[]> runs, int index) {
    double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private void create(KubernetesClient client, String ns, List<? extends HasMetadata> objects)
      throws InterruptedException {
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (HasMetadata object : objects) {
      futures.add(pool.submit(() -> client.resource(object).inNamespace(ns).create()));
    }
    for (var future : futures) {
      try {
        future.get(10, TimeUnit.MINUTES);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("creating objects failed", e);
      }
    }
  }

  private static void awaitAllAtRevision(
      KubernetesClient client, String ns, int count, long revision) {
    await(count + " services at grant revision " + revision)
        .atMost(LONG)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                client.resources(SwarmService.class).inNamespace(ns).list().getItems().stream()
                        .filter(
                            s ->
                                s.getStatus() != null
                                    && Long.valueOf(revision)
                                        .equals(s.getStatus().getGrantRevision()))
                        .count()
                    == count);
  }

  /** The services of {@code ns} that are Ready at the grant revision {@code revisionOf} names. */
  private static long countReady(
      KubernetesClient client, String ns, ToLongFunction<String> revisionOf) {
    return client.resources(SwarmService.class).inNamespace(ns).list().getItems().stream()
        .filter(
            s ->
                s.getStatus() != null
                    && Long.valueOf(revisionOf.applyAsLong(s.getMetadata().getName()))
                        .equals(s.getStatus().getGrantRevision())
                    && s.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("Ready") && "True".equals(c.getStatus())))
        .count();
  }

  /**
   * The operator's SwarmService reconciles so far, and the seconds they took in all (the Java
   * Operator SDK's reconcile timer).
   */
  private static double[] reconcileSeconds(OperatorReplicaProcess operator) {
    return reconcileSeconds(operator, "swarmservice");
  }

  /** {@link #reconcileSeconds(OperatorReplicaProcess)} of the controller {@code name}. */
  private static double[] reconcileSeconds(OperatorReplicaProcess operator, String name) {
    String metrics = Metrics.scrape(operator.healthPort());
    String controller = "\"" + name + "\"";
    return new double[] {
      Metrics.sum(
          metrics, "operator_sdk_controllers_execution_reconcile_seconds_count{", controller),
      Metrics.sum(metrics, "operator_sdk_controllers_execution_reconcile_seconds_sum{", controller)
    };
  }

  /** Forces a GC in the operator process, then reads its heap from /metrics. */
  private static double heapAfterGc(OperatorReplicaProcess operator)
      throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(operator.pid()),
                "GC.run")
            .redirectErrorStream(true)
            .start();
    jcmd.getInputStream().readAllBytes();
    jcmd.waitFor(60, TimeUnit.SECONDS);
    return Metrics.sum(
        Metrics.scrape(operator.healthPort()), "jvm_memory_used_bytes{", "area=\"heap\"");
  }

  private static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
