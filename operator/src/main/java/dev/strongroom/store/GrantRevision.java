package dev.strongroom.store;

import java.time.Instant;
import java.util.List;

/**
 * A service's grant set as recorded at one revision; what its pods of that revision receive. {@code
 * serviceUid} is the UID of the SwarmService it was recorded for, so the pods of another service by
 * the same name (deleted and created again) cannot receive it; empty for revisions recorded before
 * the store kept it.
 */
public record GrantRevision(
    String namespace,
    String service,
    String serviceUid,
    long revision,
    List<Grant> grants,
    Instant recordedAt) {
  public GrantRevision {
    grants = List.copyOf(grants);
    serviceUid = serviceUid == null ? "" : serviceUid;
  }

  /** Whether the SwarmService with {@code uid} may use it: recorded for it, or before UIDs. */
  public boolean belongsTo(String uid) {
    return serviceUid.isEmpty() || serviceUid.equals(uid);
  }
}
