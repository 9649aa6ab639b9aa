package dev.strongroom.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellWordsTest {
  @Test
  void splitsOnWhitespaceAndHonoursQuotes() {
    assertThat(ShellWords.split("nginx -g 'daemon off;'"))
        .containsExactly("nginx", "-g", "daemon off;");
    assertThat(ShellWords.split("sh -c \"echo \\\"$HOME\\\"\""))
        .containsExactly("sh", "-c", "echo \"$HOME\"");
    assertThat(ShellWords.split("  a\\ b  c''d \"\" ")).containsExactly("a b", "cd", "");
  }

  @Test
  void anOpenQuoteIsAnError() {
    assertThatThrownBy(() -> ShellWords.split("echo 'oops"))
        .hasMessage("a single quote is not closed");
    assertThatThrownBy(() -> ShellWords.split("echo \"oops"))
        .hasMessage("a double quote is not closed");
  }
}
