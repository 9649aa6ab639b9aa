package dev.strongroom.store;

import java.time.Instant;
import java.util.List;

/** A service's grant set as recorded at one revision; what its pods of that revision receive. */
public record GrantRevision(
    String namespace, String service, long revision, List<Grant> grants, Instant recordedAt) {
  public GrantRevision {
    grants = List.copyOf(grants);
  }
}
