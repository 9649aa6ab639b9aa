package dev.strongroom.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Warms a JVM up until its JIT compilers have settled: a benchmark that measures while they still
 * work measures them. On the project's 2-core machine the compilers took 40 % of the CPU samples of
 * a store benchmark 15 to 35 s after its start (Ratis, gRPC, Netty and protobuf are a lot of hot
 * code for one C2 thread), and a store warmed 40 s instead of 3 s wrote twice as fast at half the
 * median latency. Settled means: in each of {@link #QUIET_STEPS} steps in a row the compilers
 * worked less than {@link #QUIET_SHARE} of the step; the warm-up lasts at least {@code minimum} and
 * at most {@code maximum}, whatever the compilers do.
 */
final class JitWarmUp {
  static final double QUIET_SHARE = 0.05;
  static final int QUIET_STEPS = 2;
  static final Duration STEP = Duration.ofSeconds(1);

  /** Runs one step of the workload. */
  interface Step {
    void run(Duration duration) throws InterruptedException;
  }

  /** How the warm-up went. */
  record Outcome(Duration elapsed, boolean settled) {}

  private final LongSupplier compilerMillis;
  private final LongSupplier nanoTime;

  /** Watches this JVM's compilers. */
  JitWarmUp() {
    this(JitWarmUp::thisJvmCompilerMillis, System::nanoTime);
  }

  /** {@code compilerMillis}: the compilers' total work so far in ms, -1 if unknown. */
  JitWarmUp(LongSupplier compilerMillis, LongSupplier nanoTime) {
    this.compilerMillis = compilerMillis;
    this.nanoTime = nanoTime;
  }

  /** Milliseconds the JIT compilers have worked so far, or -1 if the JVM does not say. */
  long compilerMillis() {
    return compilerMillis.getAsLong();
  }

  private static long thisJvmCompilerMillis() {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    return compiler != null && compiler.isCompilationTimeMonitoringSupported()
        ? compiler.getTotalCompilationTime()
        : -1;
  }

  /**
   * Runs {@code step} until the compilers settle, between {@code minimum} and {@code maximum}; a
   * JVM that reports no compilation time gets {@code minimum}, not settled.
   */
  Outcome run(Step step, Duration minimum, Duration maximum) throws InterruptedException {
    long start = nanoTime.getAsLong();
    int quiet = 0;
    while (true) {
      long before = compilerMillis();
      long stepStart = nanoTime.getAsLong();
      step.run(STEP);
      long stepMillis = (nanoTime.getAsLong() - stepStart) / 1_000_000;
      long after = compilerMillis();
      // HotSpot without perf data (-XX:-UsePerfData) says it supports the counter and keeps it
      // at 0; a JVM that ran a step of work without compiling anything does not report it.
      boolean unknown = before < 0 || after <= 0;
      quiet = !unknown && after - before < QUIET_SHARE * stepMillis ? quiet + 1 : 0;
      Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
      boolean settled = quiet >= QUIET_STEPS;
      boolean done = (settled || unknown) && elapsed.compareTo(minimum) >= 0;
      if (done || elapsed.compareTo(maximum) >= 0) {
        return new Outcome(elapsed, settled);
      }
    }
  }

  /** Runs {@code step} once for {@code duration}, whatever the compilers do (not settled). */
  Outcome runFor(Step step, Duration duration) throws InterruptedException {
    long start = nanoTime.getAsLong();
    step.run(duration);
    return new Outcome(Duration.ofNanos(nanoTime.getAsLong() - start), false);
  }
}
