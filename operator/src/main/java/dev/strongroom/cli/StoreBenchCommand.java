package dev.strongroom.cli;

import dev.strongroom.store.StoreConfig;
import dev.strongroom.store.StoreTuning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `strongroom bench store`: committed writes/s and latency of the store, encrypted and not. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = {
      "Start Raft peers on loopback in temporary directories (real fsync, mutual TLS),",
      "write for a while, and print committed writes/s and latency percentiles; beside them",
      "the same peers with encryption off, taking turns in short slices, and the ratio",
      "between the two (like etcdctl check perf)."
    })
final class StoreBenchCommand implements Callable<Integer> {
  /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
  private static final java.util.logging.Logger GRPC_LOG =
      java.util.logging.Logger.getLogger("org.apache.ratis.thirdparty.io.grpc");

  /** Shorter slices would measure mostly the ramp at their start and the drain at their end. */
  private static final long MIN_SLICE_MILLIS = 200;

  private static final Duration AUTO_WARMUP_MIN = Duration.ofSeconds(3);
  private static final Duration AUTO_WARMUP_MAX = Duration.ofSeconds(90);

  @Spec CommandSpec spec;

  @Option(
      names = "--peers",
      defaultValue = "3",
      description = "Raft peers (default: ${DEFAULT-VALUE}).")
  int peers;

  @Option(
      names = "--concurrency",
      defaultValue = "16",
      description = "Writes in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--seconds",
      defaultValue = "20",
      description =
          "Measured seconds per store, encrypted and unencrypted (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "auto",
      description =
          "Unmeasured seconds per store before the first slice, or auto: until the JIT compilers have"
              + " settled (at least 3 s, at most 90 s for all stores together; default:"
              + " ${DEFAULT-VALUE}).")
  String warmupSeconds;

  @Option(
      names = "--value-size",
      defaultValue = "1024",
      description = "Bytes per value (default: ${DEFAULT-VALUE}).")
  int valueSize;

  @Option(
      names = "--transport",
      defaultValue = "grpc",
      description = "grpc (mutual TLS) or netty (no TLS in Ratis 3.3; comparison only).")
  String transport;

  @Option(
      names = "--rounds",
      defaultValue = "10",
      description =
          "Slices the measured seconds are cut into. The encrypted and the unencrypted store"
              + " both stay up and take turns, one slice each, alternating which goes first, so"
              + " a busy machine's drift falls on both alike (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--encrypted-only", description = "Skip the unencrypted baseline run.")
  boolean encryptedOnly;

  @Option(
      names = "--raft",
      description = "Extra Ratis property key=value for tuning experiments (repeatable).")
  java.util.Map<String, String> raft = new java.util.HashMap<>();

  @Option(
      names = "--api",
      defaultValue = "async",
      description = "async (pipelined client) or sync (one blocking thread per write in flight).")
  String api;

  @Option(
      names = "--clients",
      defaultValue = "2",
      description =
          "Raft clients (gRPC streams) the store spreads writes over (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--batches-in-flight",
      defaultValue = "1",
      description =
          "Write batches in flight per store (group commit depth; default: ${DEFAULT-VALUE}).")
  int batchesInFlight;

  @Option(
      names = "--batch-refill-micros",
      defaultValue = "300",
      description =
          "Longest wait for a batch to refill after concurrent writes, in microseconds"
              + " (0: never wait; default: ${DEFAULT-VALUE}).")
  int batchRefillMicros;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  /**
   * A benchmark wants only its figures: Ratis logs every election at INFO, the retry of each write
   * sent before the first election at ERROR and every run's peer shutdown at WARN. Failed writes
   * are counted in the figures instead.
   */
  static void quietLogs() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.ratis", "off");
    GRPC_LOG.setLevel(java.util.logging.Level.WARNING); // gRPC's "Epoll available" at INFO
  }

  /** The fixed warm-up asked for, or null for auto. */
  private Duration fixedWarmup() {
    if ("auto".equalsIgnoreCase(warmupSeconds)) {
      return null;
    }
    try {
      int s = Integer.parseInt(warmupSeconds);
      if (s >= 0) {
        return Duration.ofSeconds(s);
      }
    } catch (NumberFormatException e) {
      // the error below
    }
    throw new UserError("--warmup-seconds is auto or a number of seconds from 0");
  }

  @Override
  public Integer call() throws Exception {
    if (peers < 1 || peers > 7) {
      throw new UserError("--peers is 1 to 7");
    }
    if (concurrency < 1 || concurrency > 1024) {
      throw new UserError("--concurrency is 1 to 1024");
    }
    if (seconds < 1) {
      throw new UserError("--seconds is at least 1");
    }
    Duration fixedWarmup = fixedWarmup();
    if (rounds < 1 || seconds * 1000L / rounds < MIN_SLICE_MILLIS) {
      throw new UserError(
          "--rounds is 1 to " + seconds * 1000L / MIN_SLICE_MILLIS + " for " + seconds + " s");
    }
    if (batchRefillMicros < 0 || batchRefillMicros > 100_000) {
      throw new UserError("--batch-refill-micros is 0 to 100000");
    }
    if (valueSize < 1 || valueSize > 500 * 1024) {
      throw new UserError("--value-size is 1 to 512000 bytes");
    }
    StoreConfig.Transport rpc =
        switch (transport.toLowerCase(Locale.ROOT)) {
          case "grpc" -> StoreConfig.Transport.GRPC;
          case "netty" -> StoreConfig.Transport.NETTY;
          default -> throw new UserError("--transport is grpc or netty");
        };
    quietLogs();
    StoreBenchmark.Settings settings =
        new StoreBenchmark.Settings(
            peers,
            concurrency,
            seconds,
            valueSize,
            rpc,
            StoreTuning.defaults()
                .withClients(clients)
                .withBatchesInFlight(batchesInFlight)
                .withBatchRefill(Duration.ofNanos(batchRefillMicros * 1000L))
                .withRaftOverrides(raft),
            "sync".equalsIgnoreCase(api));
    Duration slice = Duration.ofMillis(seconds * 1000L / rounds);
    List<StoreBenchmark.Sample> encryptedRuns = new ArrayList<>();
    List<StoreBenchmark.Sample> plainRuns = new ArrayList<>();
    StoreBenchmark.JvmFigures runtime;
    try (StoreBenchmark encryptedStore = StoreBenchmark.start(settings, true);
        StoreBenchmark plainStore = encryptedOnly ? null : StoreBenchmark.start(settings, false)) {
      // Both stores write in each step: the unencrypted one runs code of its own (and, left
      // for last, it was still being compiled while measured: 7 s of 20).
      JitWarmUp.Step bothStores =
          duration -> {
            encryptedStore.warmUp(duration);
            if (plainStore != null) {
              plainStore.warmUp(duration);
            }
          };
      JitWarmUp jit = new JitWarmUp();
      JitWarmUp.Outcome warm =
          fixedWarmup == null
              ? jit.run(bothStores, AUTO_WARMUP_MIN, AUTO_WARMUP_MAX)
              : jit.runFor(bothStores, fixedWarmup);
      long jitBefore = jit.compilerMillis();
      for (int round = 0; round < rounds; round++) {
        // ABBA...: neither store always goes first after the other's slice.
        boolean encryptedFirst = round % 2 == 0;
        if (encryptedFirst) {
          encryptedRuns.add(encryptedStore.measure(slice));
        }
        if (plainStore != null) {
          plainRuns.add(plainStore.measure(slice));
        }
        if (!encryptedFirst) {
          encryptedRuns.add(encryptedStore.measure(slice));
        }
      }
      runtime =
          StoreBenchmark.JvmFigures.of(warm, jitBefore < 0 ? -1 : jit.compilerMillis() - jitBefore);
    }
    StoreBenchmark.Result encrypted = StoreBenchmark.Result.of(encryptedRuns);
    StoreBenchmark.Result plain = encryptedOnly ? null : StoreBenchmark.Result.of(plainRuns);
    double[] pairRatios =
        IntStream.range(0, plainRuns.size())
            .mapToDouble(
                i -> encryptedRuns.get(i).writesPerSecond() / plainRuns.get(i).writesPerSecond())
            .sorted()
            .toArray();
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(StoreBenchmark.json(settings, runtime, encrypted, plain, pairRatios));
    } else {
      out.println(StoreBenchmark.text(settings, runtime, encrypted, plain, pairRatios));
    }
    out.flush();
    return 0;
  }
}
