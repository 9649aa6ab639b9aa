package dev.strongroom.e2e;

import static dev.strongroom.e2e.support.Manifests.grant;
import static dev.strongroom.e2e.support.Manifests.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.agent.DeliveryClient;
import dev.strongroom.agent.TransientFailureException;
import dev.strongroom.api.SecretGrant;
import dev.strongroom.api.StrongroomApi;
import dev.strongroom.cli.TempTrees;
import dev.strongroom.delivery.CaPublisher;
import dev.strongroom.delivery.DeliveryFormat;
import dev.strongroom.e2e.support.AgentRun;
import dev.strongroom.e2e.support.Crds;
import dev.strongroom.e2e.support.Manifests;
import dev.strongroom.e2e.support.OperatorReplicaProcess;
import dev.strongroom.e2e.support.Pacing;
import dev.strongroom.e2e.support.RunningOperator;
import dev.strongroom.e2e.support.TestNamespace;
import dev.strongroom.e2e.support.Tokens;
import dev.strongroom.reconcile.AgentSettings;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * Not a test: measures one operator replica's delivery endpoint (a {@code java -jar strongroom.jar
 * operator} process) on a running control plane ({@code STRONGROOM_KUBECONFIG}) with 1,000 agents'
 * tokens for 5 secrets each, once the reviews are cached, and the agent process's start to files
 * written. Run from the checkout root with {@code e2e/bench-delivery.sh}; {@code
 * BENCH_JAVA_OPTS="-Dbench.keepAliveOnly=true -Dbench.repeat=N"} runs only the kept-alive rounds, N
 * times, and the paced run (for profiling the endpoint); {@code -Dbench.goOnly=true} only the new
 * connections from Go clients; {@code -Dbench.agentsOnly=true} only the agent processes, and {@code
 * -Dbench.agentJavaHome=JDK} adds the image's agent run on that JDK (with an archive it made) to
 * them.
 */
public final class DeliveryBenchmark {
  private static final int AGENTS = 1000;
  private static final int SECRETS = 5;
  private static final int PODS = 20;
  private static final int CONCURRENCY = 32;
  private static final int ROUNDS = 3;
  private static final int PROCESS_RUNS = 15;
  private static final int PACED_RATE = 1000;
  private static final int PACED_SECONDS = 10;
  private static final int PACED_RUNS = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * deliverybench (e2e/controlplane), built by bench-delivery.sh: new connections from Go's TLS
   * client, which spends a fraction of a JVM client's CPU on each handshake.
   */
  private static final String GO_CLIENT = System.getProperty("bench.goClient");

  private static final int GO_RUNS = Integer.getInteger("bench.goRuns", 3);

  /** The operator process's CPU time so far (ns), to give each phase the endpoint's own cost. */
  private static LongSupplier operatorCpu = () -> 0;

  private DeliveryBenchmark() {}

  public static void main(String[] args) throws Exception {
    // Keep a connection per client thread alive (the JDK keeps 5 per destination by default).
    System.setProperty("http.maxConnections", Integer.toString(CONCURRENCY));
    // The clients' TLS as the pods' agents have it (their -D flags: P-256 only for the key share),
    // set before the first handshake reads it.
    for (String flag : AgentSettings.AGENT_JVM_FLAGS) {
      if (flag.startsWith("-D")) {
        String[] property = flag.substring(2).split("=", 2);
        System.setProperty(property[0], property[1]);
      }
    }
    Path kubeconfig = Path.of(System.getenv("STRONGROOM_KUBECONFIG"));
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build()) {
      Crds.install(client, Path.of(System.getProperty("strongroom.root", ".")).resolve("crds"));
      Path state = Files.createTempDirectory("strongroom-bench-");
      // The replica runs as users run it, in its own JVM, so that the benchmark's clients (their
      // collections, their JIT) do not pause the endpoint they measure.
      try (OperatorReplicaProcess operator =
          OperatorReplicaProcess.start(client, kubeconfig, state, 1).get(0)) {
        TestNamespace namespace = new TestNamespace(client, "bench");
        try {
          run(client, operator, namespace.name());
        } finally {
          // While the operator runs: only it removes its finalizers.
          namespace.deleteAndAwait(Duration.ofMinutes(3));
        }
      }
    }
    System.exit(0);
  }

  private static void run(KubernetesClient client, OperatorReplicaProcess operator, String ns)
      throws Exception {
    List<SecretGrant> grants = new ArrayList<>();
    for (int i = 0; i < SECRETS; i++) {
      byte[] value = new byte[64];
      Arrays.fill(value, (byte) ('a' + i));
      client
          .resource(Manifests.kubernetesSecret("src-s" + i, "value", value))
          .inNamespace(ns)
          .create();
      client.resource(Manifests.fromSecret("s" + i, "src-s" + i, "value")).inNamespace(ns).create();
      grants.add(grant("s" + i));
    }
    client
        .resource(service("bench", PODS, grants.toArray(SecretGrant[]::new)))
        .inNamespace(ns)
        .create();
    List<Pod> pods =
        Awaitility.await()
            .atMost(Duration.ofMinutes(3))
            .until(
                () ->
                    client
                        .pods()
                        .inNamespace(ns)
                        .withLabel(StrongroomApi.SERVICE_LABEL, "bench")
                        .list()
                        .getItems(),
                l -> l.size() == PODS);
    Tokens tokens = new Tokens(client);
    List<String> agentTokens = new ArrayList<>();
    for (int i = 0; i < AGENTS; i++) {
      agentTokens.add(tokens.boundTo(pods.get(i % PODS), StrongroomApi.TOKEN_AUDIENCE));
    }
    Path work = AgentRun.tmpfsDir("strongroom-bench-");
    try {
      // What the rendered pods are given: the CA bundle the operator publishes.
      String caBundle =
          client
              .configMaps()
              .inNamespace(RunningOperator.NAMESPACE)
              .withName(CaPublisher.CONFIG_MAP)
              .get()
              .getData()
              .get(CaPublisher.KEY);
      Path caFile = work.resolve("bundle.crt");
      Files.writeString(caFile, caBundle);
      URI server = URI.create("https://127.0.0.1:" + operator.deliveryPort());
      measureCpuOf(operator);
      List<String> goClient = goCommand(server, caFile, agentTokens, work);
      // As an agent process connects: its own TLS context, so no session to resume.
      Supplier<DeliveryClient> likeAnAgent =
          () -> new DeliveryClient(server, DeliveryClient.trusting(caFile), TIMEOUT);
      // A client per client thread, kept for every kept-alive run: each has its own socket factory,
      // which keys the JDK's keep-alive cache, so each thread keeps one connection and uses it in
      // turn. With one shared pool the paced runs used a few connections, the others idled out, and
      // the next burst waited on new handshakes.
      List<DeliveryClient> keptAlive = new ArrayList<>();
      for (int w = 0; w < CONCURRENCY; w++) {
        keptAlive.add(likeAnAgent.get());
      }

      System.out.printf(
          Locale.ROOT,
          "delivery benchmark: %d agents (tokens bound to %d pods), %d secrets each, %d concurrent,"
              + " one operator replica (its own JVM, default flags), %d cores%n",
          AGENTS,
          PODS,
          SECRETS,
          CONCURRENCY,
          Runtime.getRuntime().availableProcessors());
      if (System.getProperty("bench.baselineJar") != null) {
        Path archive = work.resolve("strongroom-agent.jsa");
        AgentRun.trainArchive(archive);
        newConnectionsAgainstBaseline(
            operator,
            Path.of(System.getProperty("bench.baselineJar")),
            likeAnAgent,
            agentTokens,
            goClient,
            new AgentRun(work, operator.deliveryPort(), caBundle),
            AgentRun.podCommand(archive, List.of()));
        return;
      }
      // Round 0 fills the TokenReview cache (every token reviewed once by the API server).
      if (Boolean.getBoolean("bench.goOnly")) {
        rounds(keptAlive::get, agentTokens, 1);
        newConnectionsFromGo(goClient, agentTokens.size());
        return;
      }
      if (Boolean.getBoolean("bench.keepAliveOnly")) {
        rounds(keptAlive::get, agentTokens, 1);
        for (int i = 0; i < Integer.getInteger("bench.repeat", 3); i++) {
          report(
              "cached reviews, kept-alive connections",
              rounds(keptAlive::get, agentTokens, ROUNDS));
        }
        pacedRuns(keptAlive, agentTokens);
        return;
      }
      if (Boolean.getBoolean("bench.agentsOnly")) {
        rounds(keptAlive::get, agentTokens, 1);
      } else {
        report(
            "first round (reviews not cached), new TLS connection each",
            rounds(worker -> likeAnAgent.get(), agentTokens, 1));
        report(
            "cached reviews, new TLS connection and context each (as agents do: no session"
                + " resumed)",
            rounds(worker -> likeAnAgent.get(), agentTokens, ROUNDS));
        if (goClient != null) {
          newConnectionsFromGo(goClient, agentTokens.size());
        }
        report(
            "cached reviews, kept-alive connections (endpoint cost only)",
            rounds(keptAlive::get, agentTokens, ROUNDS));
        pacedRuns(keptAlive, agentTokens);
      }

      AgentRun agents = new AgentRun(work, operator.deliveryPort(), caBundle);
      Path archive = work.resolve("strongroom-agent.jsa");
      AgentRun.trainArchive(archive);
      Map<String, List<String>> commands = new LinkedHashMap<>();
      commands.put(
          "agent process, java -jar strongroom.jar agent (default JVM flags)",
          AgentRun.cliCommand());
      commands.put(
          "agent process as rendered pods run it (strongroom-agent.jar, the image's archive from"
              + " agent-training, "
              + String.join(" ", AgentSettings.AGENT_JVM_FLAGS)
              + ")",
          AgentRun.podCommand(archive, List.of()));
      String agentJavaHome = System.getProperty("bench.agentJavaHome");
      if (agentJavaHome != null) {
        // The image's JVM (Java 25) beside the tests' own, each with the archive it made.
        String java = Path.of(agentJavaHome, "bin", "java").toString();
        Path archiveThere = work.resolve("strongroom-agent-other-jvm.jsa");
        AgentRun.trainArchive(archiveThere, java);
        commands.put(
            "agent process as rendered pods run it, on " + agentJavaHome + " (its own archive)",
            AgentRun.podCommand(archiveThere, List.of(), java));
      }
      processRuns(agents, agentTokens, commands);
    } finally {
      // The agents wrote the benchmark's secrets and tokens there.
      TempTrees.deleteTree(work);
    }
  }

  /**
   * With {@code -Dbench.baselineJar=PATH} (another build's strongroom.jar): only the phase of new
   * connections with cached reviews, on this build's replica and the baseline's in turn (ABBA, for
   * {@code bench.repeat} pairs), each on a freshly started replica after one uncounted round that
   * fills its review cache and warms its JIT, followed by agent processes as pods run them; then
   * the medians of the replica's CPU per delivery and of the agents' start to files written, and
   * their ratios.
   */
  private static void newConnectionsAgainstBaseline(
      OperatorReplicaProcess operator,
      Path baselineJar,
      Supplier<DeliveryClient> likeAnAgent,
      List<String> tokens,
      List<String> goClient,
      AgentRun agents,
      List<String> agentCommand)
      throws Exception {
    List<Double> thisBuild = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    List<Double> thisBuildAgents = new ArrayList<>();
    List<Double> baselineAgents = new ArrayList<>();
    int slices = 2 * Integer.getInteger("bench.repeat", 2);
    for (int slice = 0; slice < slices; slice++) {
      boolean isBaseline = slice % 4 == 1 || slice % 4 == 2;
      operator.restart(isBaseline ? baselineJar : null);
      measureCpuOf(operator);
      rounds(worker -> likeAnAgent.get(), tokens, 1);
      String label =
          (isBaseline ? "baseline" : "this build")
              + ": cached reviews, new TLS connection and context each";
      if (goClient != null && Boolean.getBoolean("bench.goOnly")) {
        // From Go's clients: the last of GO_RUNS closed-loop runs, the replica warmer by then.
        double cpu = 0;
        for (int run = 1; run <= GO_RUNS; run++) {
          cpu =
              runGo(
                  label + ", Go clients (run " + run + ")",
                  goClient,
                  "--count=" + tokens.size() * ROUNDS,
                  "--concurrency=" + CONCURRENCY);
        }
        (isBaseline ? baseline : thisBuild).add(cpu);
      } else {
        long[] measured = rounds(worker -> likeAnAgent.get(), tokens, ROUNDS);
        report(label, measured);
        (isBaseline ? baseline : thisBuild).add(cpuPerDelivery(measured));
      }
      for (int i = 0; i < PROCESS_RUNS / 3; i++) {
        long t0 = System.nanoTime();
        AgentRun.Result result = agents.asProcess(tokens.get(i), "30s", agentCommand);
        (isBaseline ? baselineAgents : thisBuildAgents).add((System.nanoTime() - t0) / 1e6);
        if (result.exit() != 0 || result.files().size() != SECRETS) {
          System.out.println("  agent run failed: " + result.line());
        }
      }
    }
    double ours = median(thisBuild);
    double theirs = median(baseline);
    System.out.printf(
        Locale.ROOT,
        "replica CPU per delivery on new connections, medians: this build %.3f ms, baseline %.3f"
            + " ms, ratio %.3f%n",
        ours,
        theirs,
        ours / theirs);
    System.out.printf(
        Locale.ROOT,
        "agent as pods run it, start to files written, medians of %d runs each: this build %.0f"
            + " ms, baseline %.0f ms, ratio %.3f%n",
        thisBuildAgents.size(),
        median(thisBuildAgents),
        median(baselineAgents),
        median(thisBuildAgents) / median(baselineAgents));
  }

  /**
   * The phase of new connections with cached reviews again, from {@link #GO_CLIENT}'s clients (a
   * new connection, handshake and P-256 key share per delivery, no session resumed), so that the
   * replica rather than its clients is what the machine's cores run: {@link #GO_RUNS} closed-loop
   * runs of {@code ROUNDS} deliveries per token, then {@link #PACED_RUNS} runs paced at {@link
   * #PACED_RATE}/s, each reported with the replica's CPU per delivery and the clients' own.
   */
  private static void newConnectionsFromGo(List<String> command, int tokens) throws Exception {
    for (int run = 1; run <= GO_RUNS; run++) {
      runGo(
          "cached reviews, new TLS connection each, Go clients, closed loop (run " + run + ")",
          command,
          "--count=" + tokens * ROUNDS,
          "--concurrency=" + CONCURRENCY);
    }
    for (int run = 1; run <= PACED_RUNS; run++) {
      runGo(
          "cached reviews, new TLS connection each, Go clients, paced at "
              + PACED_RATE
              + "/s (run "
              + run
              + ")",
          command,
          "--count=" + PACED_RATE * PACED_SECONDS,
          "--rate=" + PACED_RATE,
          "--concurrency=" + 4 * CONCURRENCY);
    }
  }

  /** {@link #GO_CLIENT} against {@code server} with the agents' tokens, or null without one. */
  private static List<String> goCommand(URI server, Path caFile, List<String> tokens, Path work)
      throws IOException {
    if (GO_CLIENT == null) {
      return null;
    }
    Path tokensFile = Files.write(work.resolve("tokens"), tokens);
    return List.of(
        GO_CLIENT, "--url=" + server, "--ca-file=" + caFile, "--tokens-file=" + tokensFile);
  }

  /** One run of {@link #GO_CLIENT}, reported; the replica's CPU per delivery (ms). */
  private static double runGo(String label, List<String> command, String... arguments)
      throws Exception {
    List<String> line = new ArrayList<>(command);
    line.addAll(List.of(arguments));
    long cpuBefore = operatorCpu.getAsLong();
    Process process =
        new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(process.getInputStream().readAllBytes()).strip();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("deliverybench failed: " + output);
    }
    double cpuMs = (operatorCpu.getAsLong() - cpuBefore) / 1e6;
    JsonNode result = new ObjectMapper().readTree(output);
    int deliveries = result.get("deliveries").asInt();
    double perSecond = result.get("perSecond").asDouble();
    double p99 = result.get("p99Ms").asDouble();
    System.out.printf(
        Locale.ROOT,
        "%s: %d deliveries in %.2f s = %.0f/s (target 1000/s: %.2fx), p50 %.2f ms, p99 %.2f ms"
            + " (target 20 ms: %.2fx), %d failed%s, %d secrets served; operator CPU %.3f ms per"
            + " delivery (%.0f per CPU-second), the Go clients' %.3f ms%n",
        label,
        deliveries,
        result.get("seconds").asDouble(),
        perSecond,
        perSecond / 1000,
        result.get("p50Ms").asDouble(),
        p99,
        p99 / 20,
        result.get("failures").asLong(),
        result.has("firstFailure") ? " (first: " + result.get("firstFailure").asText() + ")" : "",
        result.get("secretsServed").asLong(),
        cpuMs / deliveries,
        1000 * deliveries / cpuMs,
        result.get("clientCpuMsPerDelivery").asDouble());
    return cpuMs / deliveries;
  }

  private static void measureCpuOf(OperatorReplicaProcess operator) {
    ProcessHandle process = ProcessHandle.of(operator.pid()).orElseThrow();
    operatorCpu = () -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** {@code rounds} deliveries per token, each with the client {@code clients} gives its thread. */
  private static long[] rounds(IntFunction<DeliveryClient> clients, List<String> tokens, int rounds)
      throws Exception {
    return drive(
        tokens.size() * rounds,
        (i, worker, start, failures) -> {
          DeliveryClient client = clients.apply(worker);
          long t0 = System.nanoTime();
          fetch(client, tokens.get(i % tokens.size()), failures);
          return System.nanoTime() - t0;
        });
  }

  /** {@link #PACED_RUNS} paced runs, each reported: the first ones show the endpoint warming up. */
  private static void pacedRuns(List<DeliveryClient> clients, List<String> tokens)
      throws Exception {
    String latencyFile = System.getProperty("bench.latencyFile");
    int runs = Integer.getInteger("bench.pacedRuns", PACED_RUNS);
    for (int run = 1; run <= runs; run++) {
      java.time.Instant began = java.time.Instant.now();
      long[] latencies = paced(clients, tokens, PACED_RATE, PACED_SECONDS);
      report(
          "cached reviews, kept-alive connections, paced at "
              + PACED_RATE
              + "/s (latency from each request's scheduled start), run "
              + run
              + " of "
              + runs,
          latencies);
      if (latencyFile != null) {
        // One line per request, in the order they were due: run, due (ms into the run), latency.
        StringBuilder lines = new StringBuilder("# run " + run + " began " + began + "\n");
        for (int i = 0; i < latencies.length - 2; i++) {
          lines.append(
              String.format(
                  Locale.ROOT, "%d %d %.3f%n", run, i * 1000L / PACED_RATE, latencies[i] / 1e6));
        }
        Files.writeString(
            Path.of(latencyFile),
            lines,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      }
    }
  }

  /**
   * Open loop: request {@code i} is due at {@code i / rate} seconds, whatever became of the earlier
   * ones, and its latency counts from when it was due, so a stall shows in every request it delays.
   */
  private static long[] paced(
      List<DeliveryClient> clients, List<String> tokens, int rate, int seconds) throws Exception {
    long interval = 1_000_000_000L / rate;
    return drive(
        rate * seconds,
        (i, worker, start, failures) -> {
          long due = start + i * interval;
          Pacing.parkUntil(due);
          fetch(clients.get(worker), tokens.get(i % tokens.size()), failures);
          return System.nanoTime() - due;
        });
  }

  /** Request {@code i}, on client thread {@code worker}, of a run begun at {@code start}: ns. */
  private interface Request {
    long run(int i, int worker, long start, AtomicInteger failures) throws Exception;
  }

  /**
   * Runs requests 0 to {@code count - 1} on {@link #CONCURRENCY} threads; their latencies, then the
   * elapsed time, then the operator process's CPU time meanwhile (all in ns).
   */
  private static long[] drive(int count, Request request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      long[] result = new long[count + 2];
      long cpuBefore = operatorCpu.getAsLong();
      AtomicInteger next = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < CONCURRENCY; w++) {
        int worker = w;
        futures.add(
            pool.submit(
                () -> {
                  for (int i; (i = next.getAndIncrement()) < count; ) {
                    result[i] = request.run(i, worker, start, failures);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      result[count] = System.nanoTime() - start;
      result[count + 1] = operatorCpu.getAsLong() - cpuBefore;
      if (failures.get() > 0) {
        System.out.println("  failures: " + failures.get());
      }
      return result;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One delivery; a refusal, an error or a wrong file count counts as a failure. */
  private static void fetch(DeliveryClient client, String token, AtomicInteger failures) {
    try {
      List<DeliveryFormat.File> files = client.fetch(token);
      if (files.size() != SECRETS) {
        failures.incrementAndGet();
      }
      files.forEach(DeliveryFormat.File::close);
    } catch (TransientFailureException | RuntimeException e) {
      failures.incrementAndGet();
    }
  }

  /** The operator's CPU per delivery (ms) in what {@link #drive} measured. */
  private static double cpuPerDelivery(long[] measured) {
    return measured[measured.length - 1] / 1e6 / (measured.length - 2);
  }

  private static void report(String label, long[] measured) {
    int n = measured.length - 2;
    long elapsed = measured[n];
    double cpuPerDelivery = cpuPerDelivery(measured);
    long[] sorted = Arrays.copyOf(measured, n);
    Arrays.sort(sorted);
    double perSecond = n / (elapsed / 1e9);
    double p99 = sorted[(int) Math.ceil(n * 0.99) - 1] / 1e6;
    System.out.printf(
        Locale.ROOT,
        "%s: %d deliveries in %.2f s = %.0f/s (target 1000/s: %.2fx), p50 %.2f ms, p99 %.2f ms"
            + " (target 20 ms: %.2fx); operator CPU %.3f ms per delivery (%.0f per CPU-second)%n",
        label,
        n,
        elapsed / 1e9,
        perSecond,
        perSecond / 1000,
        sorted[n / 2] / 1e6,
        p99,
        p99 / 20,
        cpuPerDelivery,
        1000 / cpuPerDelivery);
  }

  /** Runs the agent process {@link #PROCESS_RUNS} times per command line, alternating them. */
  private static void processRuns(
      AgentRun agents, List<String> tokens, Map<String, List<String>> commands) {
    List<String> labels = List.copyOf(commands.keySet());
    long[][] times = new long[labels.size()][PROCESS_RUNS];
    for (int i = 0; i < PROCESS_RUNS; i++) {
      for (int c = 0; c < labels.size(); c++) {
        long t0 = System.nanoTime();
        AgentRun.Result result =
            agents.asProcess(tokens.get(i * labels.size() + c), "30s", commands.get(labels.get(c)));
        times[c][i] = System.nanoTime() - t0;
        if (result.exit() != 0 || result.files().size() != SECRETS) {
          System.out.println("  agent run failed: " + result.line());
        }
      }
    }
    for (int c = 0; c < labels.size(); c++) {
      long[] sorted = times[c].clone();
      Arrays.sort(sorted);
      double p50 = sorted[PROCESS_RUNS / 2] / 1e6;
      System.out.printf(
          Locale.ROOT,
          "%s: start to files written p50 %.0f ms, min %.0f ms, max %.0f ms over %d runs (target"
              + " 300 ms: %.2fx)%n",
          labels.get(c),
          p50,
          sorted[0] / 1e6,
          sorted[PROCESS_RUNS - 1] / 1e6,
          PROCESS_RUNS,
          p50 / 300);
    }
  }
}
