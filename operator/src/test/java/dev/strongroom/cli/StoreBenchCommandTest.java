package dev.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

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
    assertThat(result.get("p50Ms").asDouble())
        .isLessThanOrEqualTo(result.get("p99Ms").asDouble())
        .isLessThanOrEqualTo(result.get("p999Ms").asDouble());
    assertThat(result.get("encryptionRatio").asDouble())
        .isCloseTo(
            result.get("writesPerSecond").asDouble()
                / result.get("unencryptedWritesPerSecond").asDouble(),
            withPercentage(0.1));
  }

  @Test
  void slicesShorterThanTheRampAreRefusedBeforeAnythingStarts() {
    int exit = run("bench", "store", "--seconds", "1", "--rounds", "10");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("--rounds is 1 to 5 for 1 s").hasLineCount(1);
    assertThat(out.toString()).isEmpty();
  }

  private int run(String... args) {
    CommandLine commandLine = StrongroomCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
