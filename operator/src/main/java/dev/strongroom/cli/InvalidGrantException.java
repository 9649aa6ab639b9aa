package dev.strongroom.cli;

/** A secret grant that Swarm's syntax or Strongroom's rules refuse; the message names why. */
public class InvalidGrantException extends UserError {
  private static final long serialVersionUID = 1L;

  public InvalidGrantException(String message) {
    super(message);
  }
}
