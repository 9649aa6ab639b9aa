package dev.strongroom.store;

import java.time.Instant;
import java.util.List;

/** What the store knows about a secret, without its value. */
public record SecretMetadata(
    String namespace,
    String name,
    long latestVersion,
    List<Long> versions,
    Instant createdAt,
    Instant updatedAt) {
  public SecretMetadata {
    versions = List.copyOf(versions);
  }
}
