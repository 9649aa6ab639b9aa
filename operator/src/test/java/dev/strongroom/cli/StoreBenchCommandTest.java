package dev.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StoreBenchCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void aShortRunOnThreePeersPrintsEveryFigureAndOneRatioPerPairOfSlices() throws Exception {
    int exit =
        run(
            "bench",
            "store",
            "--peers",
            "3",
            "--concurrency",
            "4",
            "--seconds",
            "1",
            "--warmup-seconds",
            "0",
            "--rounds",
            "2",
            "--json");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode result = new ObjectMapper().readTree(out.toString());
    assertThat(result.get("failedWrites").asLong()).isZero();
    assertThat(result.get("pairedSlices").asInt()).isEqualTo(2);
    for (String field :
        new String[] {
          "writesPerSecond",
          "p50Ms",
          "p99Ms",
          "p999Ms",
          "unencryptedWritesPerSecond",
          "unencryptedP99Ms",
          "encryptionRatio",
          "encryptionRatioMedian"
        }) {
      assertThat(result.get(field).asDouble()).as(field).isPositive();
    }
    // How long the warm-up took is wall time, not asserted (JitWarmUpTest checks that a fixed
    // warm-up runs the workload once for what was asked, on a fake clock).
    assertThat(result.get("warmupSeconds").asDouble()).isNotNegative();
    assertThat(result.get("jitSettled").asBoolean()).isFalse();
    assertThat(result.get("jitMillisMeasured").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(result.get("gc").asText()).isNotBlank();
    assertThat(result.get("p50Ms").asDouble())
        .isLessThanOrEqualTo(result.get("p99Ms").asDouble())
        .isLessThanOrEqualTo(result.get("p999Ms").asDouble());
    // Rates are printed to 0.1 and the ratio to 0.0001: allow exactly what that rounding can
    // move a/b by (a slow CI disk gives rates low enough for this to exceed 0.1 %).
    double encrypted = result.get("writesPerSecond").asDouble();
    double plain = result.get("unencryptedWritesPerSecond").asDouble();
    double ratio = encrypted / plain;
    double roundingError = ratio * (0.05 / encrypted + 0.05 / (plain - 0.05)) + 0.00005;
    assertThat(result.get("encryptionRatio").asDouble()).isCloseTo(ratio, within(roundingError));
  }

  @Test
  void slicesShorterThanTheRampAreRefusedBeforeAnythingStarts() {
    int exit = run("bench", "store", "--seconds", "1", "--rounds", "10");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("--rounds is 1 to 5 for 1 s").hasLineCount(1);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aWarmUpThatIsNeitherAutoNorSecondsIsRefused() {
    int exit = run("bench", "store", "--warmup-seconds", "soon");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("--warmup-seconds is auto or a number of seconds from 0")
        .hasLineCount(1);
    assertThat(out.toString()).isEmpty();
  }

  private int run(String... args) {
    CommandLine commandLine = StrongroomCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
