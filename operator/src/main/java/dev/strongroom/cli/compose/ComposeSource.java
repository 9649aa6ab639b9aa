package dev.strongroom.cli.compose;

import java.nio.file.Path;

/** One {@code -c} file: where it is, and how messages name it (as the user wrote it). */
public record ComposeSource(String displayName, Path path) {
  public static ComposeSource of(String argument) {
    return new ComposeSource(argument, Path.of(argument));
  }
}
