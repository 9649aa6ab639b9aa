package dev.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {
  private static final Duration MIN = Duration.ofSeconds(3);
  private static final Duration MAX = Duration.ofSeconds(10);

  private final AtomicLong nanos = new AtomicLong();

  /** A JVM that got this far has compiled for a while already. */
  private final AtomicLong compiled = new AtomicLong(5_000);

  /** Each step takes one second of the fake clock and gives the compilers the next busy ms. */
  private JitWarmUp.Step steps(long... busyMillisPerStep) {
    List<Long> busy = new ArrayList<>();
    for (long b : busyMillisPerStep) {
      busy.add(b);
    }
    return duration -> {
      compiled.addAndGet(busy.isEmpty() ? 0 : busy.remove(0));
      nanos.addAndGet(duration.toNanos());
    };
  }

  private JitWarmUp warmUp() {
    return new JitWarmUp(compiled::get, nanos::get);
  }

  @Test
  void stopsOnceTheCompilersWereQuietForTwoStepsInARow() throws Exception {
    JitWarmUp.Outcome outcome = warmUp().run(steps(900, 700, 40, 300, 10, 49, 600), MIN, MAX);

    // Quiet (< 50 ms of a 1 s step) at steps 3, 5 and 6: settled after step 6.
    assertThat(outcome.settled()).isTrue();
    assertThat(outcome.elapsed()).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void lastsAtLeastTheMinimumEvenWhenTheCompilersAreQuietAtOnce() throws Exception {
    JitWarmUp.Outcome outcome = warmUp().run(steps(), MIN, MAX);

    assertThat(outcome.settled()).isTrue();
    assertThat(outcome.elapsed()).isEqualTo(MIN);
  }

  @Test
  void givesUpAtTheMaximumWhileTheCompilersStayBusy() throws Exception {
    long[] busy = new long[20];
    java.util.Arrays.fill(busy, 400);

    JitWarmUp.Outcome outcome = warmUp().run(steps(busy), MIN, MAX);

    assertThat(outcome.settled()).isFalse();
    assertThat(outcome.elapsed()).isEqualTo(MAX);
  }

  @Test
  void aJvmThatDoesNotReportCompilationTimeWarmsUpForTheMinimum() throws Exception {
    JitWarmUp.Outcome outcome = new JitWarmUp(() -> -1, nanos::get).run(steps(), MIN, MAX);

    assertThat(outcome.settled()).isFalse();
    assertThat(outcome.elapsed()).isEqualTo(MIN);
  }

  @Test
  void aCounterThatStaysAtZeroIsNotTakenForQuietCompilers() throws Exception {
    // HotSpot with -XX:-UsePerfData: "supported", and always 0.
    JitWarmUp.Outcome outcome = new JitWarmUp(() -> 0, nanos::get).run(steps(), MIN, MAX);

    assertThat(outcome.settled()).isFalse();
    assertThat(outcome.elapsed()).isEqualTo(MIN);
  }

  @Test
  void aFixedWarmUpRunsTheWorkloadOnceForThatLongAndIsNotSettled() throws Exception {
    List<Duration> asked = new ArrayList<>();

    JitWarmUp.Outcome none =
        warmUp()
            .runFor(
                duration -> {
                  asked.add(duration);
                  nanos.addAndGet(duration.toNanos());
                },
                Duration.ZERO);

    assertThat(asked).containsExactly(Duration.ZERO);
    assertThat(none.elapsed()).isZero();
    assertThat(none.settled()).isFalse();
  }
}
