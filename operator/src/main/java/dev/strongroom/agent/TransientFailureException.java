package dev.strongroom.agent;

import java.time.Duration;

/** A failure worth retrying (connection refused, 429, 503), with the server's suggested wait. */
public final class TransientFailureException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public TransientFailureException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** The server's Retry-After, or zero when it gave none. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
