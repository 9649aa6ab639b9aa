package dev.strongroom.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {
  private static final Location AT = new Location("docker-compose.yml", 7);
  private final ComposeWarnings warnings = new ComposeWarnings();
  private final Interpolation interpolation =
      new Interpolation(Map.of("TAG", "1.27", "EMPTY", ""), warnings);

  @Test
  void replacesVariablesInEveryForm() {
    assertThat(apply("nginx:$TAG")).isEqualTo("nginx:1.27");
    assertThat(apply("nginx:${TAG}-alpine")).isEqualTo("nginx:1.27-alpine");
    assertThat(apply("${MISSING:-dev}/${EMPTY:-x}/${EMPTY-x}")).isEqualTo("dev/x/");
    assertThat(apply("${TAG:+set}/${MISSING+set}/${EMPTY:+set}")).isEqualTo("set//");
    assertThat(apply("${MISSING:-${TAG}}")).isEqualTo("1.27");
    assertThat(apply("cost $$5 and $${TAG}")).isEqualTo("cost $5 and ${TAG}");
    assertThat(warnings.messages()).isEmpty();
  }

  @Test
  void anUnsetVariableBecomesEmptyWithAWarning() {
    assertThat(apply("a${MISSING}b")).isEqualTo("ab");
    assertThat(warnings.messages())
        .containsExactly(
            "docker-compose.yml:7: variable MISSING is not set; substituting an empty string");
  }

  @Test
  void requiredVariablesAndBadSyntaxAreErrorsWithTheLine() {
    assertThatThrownBy(() -> apply("${MISSING:?give a tag}"))
        .isInstanceOf(ComposeException.class)
        .hasMessage("docker-compose.yml:7: required variable MISSING is not set: give a tag");
    assertThat(apply("${EMPTY?}")).isEmpty();
    assertThatThrownBy(() -> apply("price: 5$"))
        .hasMessage(
            "docker-compose.yml:7: invalid interpolation format (write $$ for a literal $)");
    assertThatThrownBy(() -> apply("${TAG"))
        .hasMessage(
            "docker-compose.yml:7: invalid interpolation format (write $$ for a literal $)");
  }

  private String apply(String value) {
    return interpolation.apply(value, AT);
  }
}
