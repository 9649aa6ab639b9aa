package dev.strongroom.store;

import java.time.Instant;

/** One version of a secret with its value; {@link #close()} zeroes the value. */
public record SecretVersion(
    String namespace, String name, long version, Instant createdAt, SecretValue value)
    implements AutoCloseable {
  @Override
  public void close() {
    value.close();
  }
}
