package dev.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class WholeDurationTest {
  private final WholeDuration converter = new WholeDuration();

  @Test
  void readsWholeSecondsMinutesAndHours() {
    assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void refusesAnythingElseNamingTheForm() {
    for (String bad : new String[] {"0s", "10", "1.5m", "-1m", "10 m", "1d", "", "PT10M"}) {
      assertThatThrownBy(() -> converter.convert(bad))
          .as(bad)
          .isInstanceOf(TypeConversionException.class)
          .hasMessageContaining("like 30s, 10m or 1h");
    }
  }
}
