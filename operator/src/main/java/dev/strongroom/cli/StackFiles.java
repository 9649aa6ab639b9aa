package dev.strongroom.cli;

import dev.strongroom.cli.compose.ComposeSource;
import dev.strongroom.cli.compose.ConvertedStack;
import dev.strongroom.cli.compose.StackConverter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads {@code -c} arguments ({@code -} is standard input) and converts them to one stack. */
final class StackFiles {
  private final Map<String, String> environment;
  private final InputStream stdin;

  StackFiles(Map<String, String> environment, InputStream stdin) {
    this.environment = environment;
    this.stdin = stdin;
  }

  ConvertedStack convert(List<String> files, String stack, String namespace, SecretSealer sealer) {
    return new StackConverter(environment, sealer)
        .convert(files.stream().map(this::source).toList(), stack, namespace);
  }

  private ComposeSource source(String file) {
    if (!file.equals("-")) {
      return new ComposeSource(file, Path.of(file));
    }
    try {
      return ComposeSource.ofStdin(new String(stdin.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserError("cannot read the Compose file from standard input: " + e.getMessage());
    }
  }
}
