package dev.strongroom.cli.compose;

import java.nio.file.Path;

/**
 * One {@code -c} file: how messages name it (as the user wrote it), and where it is, or its text
 * when it was read from standard input ({@code -c -}).
 */
public record ComposeSource(String displayName, Path path, String text) {
  /** The name messages use for a Compose file read from standard input. */
  public static final String STDIN = "stdin";

  /** A Compose file on disk. */
  public ComposeSource(String displayName, Path path) {
    this(displayName, path, null);
  }

  /**
   * A Compose file read from standard input; relative paths in it start at the working directory.
   */
  public static ComposeSource ofStdin(String text) {
    return new ComposeSource(STDIN, Path.of(STDIN), text);
  }
}
