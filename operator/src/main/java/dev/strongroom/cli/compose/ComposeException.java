package dev.strongroom.cli.compose;

import dev.strongroom.cli.UserError;

/** A Compose file that cannot be converted; the message starts with {@code file:line:}. */
public class ComposeException extends UserError {
  private static final long serialVersionUID = 1L;

  public ComposeException(Location location, String problem) {
    this(location, problem, 1);
  }

  public ComposeException(Location location, String problem, int exitCode) {
    super(location + ": " + problem, exitCode);
  }

  /** An error about a whole file (it cannot be read), without a line. */
  public ComposeException(String file, String problem) {
    super(file + ": " + problem);
  }
}
