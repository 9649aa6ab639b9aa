package dev.strongroom.cli;

import dev.strongroom.crypto.KeyEncryptionKey;
import dev.strongroom.crypto.PeerCertificates;
import dev.strongroom.store.PeerAddress;
import dev.strongroom.store.PeerTlsFiles;
import dev.strongroom.store.RaftSecretStore;
import dev.strongroom.store.StoreConfig;
import dev.strongroom.store.StoreTuning;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One store under load: peers on loopback in a temporary directory (started by {@link #start}),
 * measured for as many slices as the caller asks, with pipelined or blocking writes.
 */
final class StoreBenchmark implements AutoCloseable {
  /** What to run. */
  record Settings(
      int peers,
      int concurrency,
      int seconds,
      int valueSize,
      StoreConfig.Transport transport,
      StoreTuning tuning,
      boolean blocking) {}

  /**
   * The JVM the figures came from: how long it warmed up (all stores together), whether its JIT
   * compilers had settled by then, how long they worked during the measured slices (-1: not
   * reported), and its garbage collectors.
   */
  record JvmFigures(double warmupSeconds, boolean jitSettled, long jitMillisMeasured, String gc) {
    static JvmFigures of(JitWarmUp.Outcome warmUp, long jitMillisMeasured) {
      return new JvmFigures(
          warmUp.elapsed().toMillis() / 1000.0,
          warmUp.settled(),
          jitMillisMeasured,
          ManagementFactory.getGarbageCollectorMXBeans().stream()
              .map(GarbageCollectorMXBean::getName)
              .collect(Collectors.joining(", ")));
    }
  }

  /** Committed writes per second and latency percentiles in milliseconds. */
  record Result(double writesPerSecond, double p50Ms, double p99Ms, double p999Ms, long errors) {
    /** Pools several slices: total writes over total time, percentiles over all latencies. */
    static Result of(List<Sample> samples) {
      long writes = samples.stream().mapToLong(Sample::writes).sum();
      double seconds = samples.stream().mapToDouble(Sample::seconds).sum();
      long[] all = samples.stream().flatMapToLong(x -> Arrays.stream(x.latencies())).toArray();
      Arrays.sort(all);
      return new Result(
          writes / seconds,
          percentile(all, 0.50),
          percentile(all, 0.99),
          percentile(all, 0.999),
          samples.stream().mapToLong(Sample::errors).sum());
    }
  }

  /** One measured slice: acknowledged writes, elapsed seconds, latencies in nanoseconds. */
  record Sample(long writes, double seconds, long[] latencies, long errors) {
    double writesPerSecond() {
      return writes / seconds;
    }
  }

  private final Settings settings;
  private final Path root;
  private final List<RaftSecretStore> stores;
  private final byte[] value;

  private StoreBenchmark(Settings settings, Path root, List<RaftSecretStore> stores, byte[] value) {
    this.settings = settings;
    this.root = root;
    this.stores = stores;
    this.value = value;
  }

  /** Starts and unlocks {@code settings.peers()} peers, encrypted or not, in a new directory. */
  static StoreBenchmark start(Settings settings, boolean encrypted) throws IOException {
    SecureRandom random = new SecureRandom();
    Path root = Files.createTempDirectory("strongroom-bench");
    List<RaftSecretStore> stores = new ArrayList<>();
    try (KeyEncryptionKey kek = KeyEncryptionKey.generate(random)) {
      List<PeerAddress> peers = new ArrayList<>();
      for (int i = 0; i < settings.peers(); i++) {
        peers.add(new PeerAddress("b" + i, "127.0.0.1", freePort()));
      }
      PeerTlsFiles tls = null;
      if (settings.peers() > 1 && settings.transport() == StoreConfig.Transport.GRPC) {
        PeerCertificates.Files files =
            PeerCertificates.issue(
                root.resolve("tls"),
                List.of("127.0.0.1", "localhost"),
                "bench",
                Duration.ofDays(1),
                Clock.systemUTC(),
                random);
        tls = new PeerTlsFiles(files.certificate(), files.privateKey(), files.trustedCa());
      }
      for (PeerAddress peer : peers) {
        stores.add(
            new RaftSecretStore(
                new StoreConfig(
                    peer.id(),
                    peers,
                    root.resolve(peer.id()),
                    tls,
                    tls == null,
                    encrypted,
                    settings.transport(),
                    settings.tuning(),
                    Clock.systemUTC(),
                    random)));
      }
      stores.parallelStream().forEach(s -> s.unlock(kek));
      byte[] value = new byte[settings.valueSize()];
      random.nextBytes(value);
      return new StoreBenchmark(settings, root, stores, value);
    } catch (IOException | RuntimeException e) {
      try {
        close(root, stores);
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Writes for {@code duration} without measuring (the JIT, the peers' caches). */
  void warmUp(Duration duration) throws InterruptedException {
    runFor(stores.get(0), value, duration, null);
  }

  /** Writes for {@code duration} and returns what was acknowledged, and how fast. */
  Sample measure(Duration duration) throws InterruptedException {
    long[] latencies = new long[(int) Math.max(1024, duration.toMillis() * 50)];
    AtomicLong count = new AtomicLong();
    long start = System.nanoTime();
    long errors =
        runFor(
            stores.get(0),
            value,
            duration,
            (nanos) -> {
              long i = count.getAndIncrement();
              if (i < latencies.length) {
                latencies[(int) i] = nanos;
              }
            });
    double elapsed = (System.nanoTime() - start) / 1e9;
    int n = (int) Math.min(count.get(), latencies.length);
    return new Sample(count.get(), elapsed, Arrays.copyOf(latencies, n), errors);
  }

  @Override
  public void close() throws IOException {
    close(root, stores);
  }

  private static void close(Path root, List<RaftSecretStore> stores) throws IOException {
    for (RaftSecretStore store : stores) {
      store.close();
    }
    TempTrees.deleteTree(root);
  }

  private interface LatencySink {
    void record(long nanos);
  }

  /** Keeps {@code concurrency} writes in flight until the time is up; returns failed writes. */
  private long runFor(RaftSecretStore store, byte[] value, Duration duration, LatencySink sink)
      throws InterruptedException {
    return settings.blocking()
        ? runBlocking(store, value, duration, sink)
        : runPipelined(store, value, duration, sink);
  }

  private long runBlocking(RaftSecretStore store, byte[] value, Duration duration, LatencySink sink)
      throws InterruptedException {
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < settings.concurrency(); t++) {
      int thread = t;
      threads.add(
          started(
              () -> {
                for (long i = 0; System.nanoTime() < end; i++) {
                  long begin = System.nanoTime();
                  try {
                    store.putSecretVersion("bench", "key-" + thread + "-" + (i % 100), value);
                    if (sink != null) {
                      sink.record(System.nanoTime() - begin);
                    }
                  } catch (RuntimeException e) {
                    errors.incrementAndGet();
                  }
                }
              }));
    }
    for (Thread t : threads) {
      t.join();
    }
    return errors.get();
  }

  private long runPipelined(
      RaftSecretStore store, byte[] value, Duration duration, LatencySink sink)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(settings.concurrency());
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    long sequence = 0;
    while (System.nanoTime() < end) {
      if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        continue;
      }
      long begin = System.nanoTime();
      CompletableFuture<Long> put;
      try {
        put = store.putSecretVersionAsync("bench", "key-" + (sequence++ % 1000), value);
      } catch (RuntimeException e) {
        inFlight.release();
        errors.incrementAndGet();
        continue;
      }
      put.whenComplete(
          (version, failure) -> {
            if (failure == null) {
              if (sink != null) {
                sink.record(System.nanoTime() - begin);
              }
            } else {
              errors.incrementAndGet();
            }
            inFlight.release();
          });
    }
    inFlight.acquire(settings.concurrency());
    return errors.get();
  }

  private static Thread started(Runnable body) {
    Thread thread = new Thread(body, "bench-writer");
    thread.start();
    return thread;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  static String text(
      Settings s, JvmFigures runtime, Result encrypted, Result plain, double[] pairRatios) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "store benchmark: %d peer(s) on loopback (%s%s), concurrency %d, %d-byte values,"
                + " %d s per store, fsync on%n",
            s.peers(),
            s.transport() == StoreConfig.Transport.GRPC ? "gRPC" : "Netty",
            s.peers() > 1 && s.transport() == StoreConfig.Transport.GRPC ? ", mutual TLS" : "",
            s.concurrency(),
            s.valueSize(),
            s.seconds()));
    out.append(
        String.format(
            Locale.ROOT,
            "JVM: warmed up %.0f s (%s), JIT compilers busy %d ms while measured, GC %s%n",
            runtime.warmupSeconds(),
            runtime.jitSettled() ? "JIT settled" : "JIT not known to have settled",
            runtime.jitMillisMeasured(),
            runtime.gc()));
    out.append(line("encrypted", encrypted));
    if (plain != null) {
      out.append(line("unencrypted", plain));
      out.append(
          String.format(
              Locale.ROOT,
              "encryption ratio: %.3f (encrypted / unencrypted writes/s); over %d paired slices"
                  + " median %.3f, range %.3f to %.3f",
              encrypted.writesPerSecond() / plain.writesPerSecond(),
              pairRatios.length,
              median(pairRatios),
              pairRatios[0],
              pairRatios[pairRatios.length - 1]));
    }
    return out.toString().stripTrailing();
  }

  private static String line(String label, Result r) {
    return String.format(
        Locale.ROOT,
        "%-12s %9.0f writes/s   p50 %7.2f ms   p99 %7.2f ms   p99.9 %7.2f ms%s%n",
        label + ":",
        r.writesPerSecond(),
        r.p50Ms(),
        r.p99Ms(),
        r.p999Ms(),
        r.errors() == 0 ? "" : "   (" + r.errors() + " failed writes)");
  }

  static String json(
      Settings s, JvmFigures runtime, Result encrypted, Result plain, double[] pairRatios) {
    return String.format(
        Locale.ROOT,
        "{\"writesPerSecond\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,"
            + "\"unencryptedWritesPerSecond\":%s,\"encryptionRatio\":%s,"
            + "\"pairedSlices\":%d,\"encryptionRatioMedian\":%s,"
            + "\"unencryptedP99Ms\":%s,"
            + "\"peers\":%d,\"concurrency\":%d,\"valueSize\":%d,\"seconds\":%d,"
            + "\"transport\":\"%s\",\"failedWrites\":%d,"
            + "\"warmupSeconds\":%.1f,\"jitSettled\":%b,\"jitMillisMeasured\":%d,\"gc\":\"%s\"}",
        encrypted.writesPerSecond(),
        encrypted.p50Ms(),
        encrypted.p99Ms(),
        encrypted.p999Ms(),
        plain == null ? "null" : String.format(Locale.ROOT, "%.1f", plain.writesPerSecond()),
        plain == null
            ? "null"
            : String.format(
                Locale.ROOT, "%.4f", encrypted.writesPerSecond() / plain.writesPerSecond()),
        pairRatios.length,
        plain == null ? "null" : String.format(Locale.ROOT, "%.4f", median(pairRatios)),
        plain == null ? "null" : String.format(Locale.ROOT, "%.3f", plain.p99Ms()),
        s.peers(),
        s.concurrency(),
        s.valueSize(),
        s.seconds(),
        s.transport().name().toLowerCase(Locale.ROOT),
        encrypted.errors() + (plain == null ? 0 : plain.errors()),
        runtime.warmupSeconds(),
        runtime.jitSettled(),
        runtime.jitMillisMeasured(),
        runtime.gc());
  }

  /** The median of sorted values. */
  static double median(double[] sorted) {
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
