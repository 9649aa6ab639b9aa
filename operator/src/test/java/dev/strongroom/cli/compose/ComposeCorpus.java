package dev.strongroom.cli.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Compose files under {@code src/test/resources/compose} and their expected outputs; with
 * {@code -Dstrongroom.updateGolden=true} the expected files are rewritten from the actual ones.
 */
final class ComposeCorpus {
  static final Path ROOT = Path.of("src", "test", "resources", "compose");
  static final String STACK = "shop";
  static final String NAMESPACE = "prod";

  private ComposeCorpus() {}

  /** The environment the corpus is converted with (no process environment is read). */
  static Map<String, String> environment() {
    return Map.of(
        "TAG", "1.27",
        "API_TOKEN", "token-from-the-environment",
        "HOME", ROOT.resolve("valid/secret-forms/home").toAbsolutePath().toString(),
        "LOG_LEVEL", "debug",
        "EMPTY", "");
  }

  /** The expected text of {@code file}, or the actual text after writing it when updating. */
  static String expected(Path file, String actual) throws IOException {
    if (Boolean.getBoolean("strongroom.updateGolden")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return actual;
    }
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
