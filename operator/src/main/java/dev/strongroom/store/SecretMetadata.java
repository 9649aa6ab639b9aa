package dev.strongroom.store;

import java.time.Instant;
import java.util.List;

/**
 * What the store knows about a secret, without its value.
 *
 * @param latestOrigin what produced the newest version, as its writer described it
 * @param latestSize the newest value's length in bytes
 */
public record SecretMetadata(
    String namespace,
    String name,
    long latestVersion,
    List<Long> versions,
    Instant createdAt,
    Instant updatedAt,
    String latestOrigin,
    int latestSize) {
  public SecretMetadata {
    versions = List.copyOf(versions);
  }
}
