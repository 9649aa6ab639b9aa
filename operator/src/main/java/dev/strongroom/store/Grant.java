package dev.strongroom.store;

/** One granted secret version and how it appears in the pod (Swarm's long syntax). */
public record Grant(
    String secretName, long secretVersion, String target, String uid, String gid, int mode) {
  public Grant {
    if (secretVersion < 1) {
      throw new IllegalArgumentException("a grant names a version >= 1");
    }
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("mode must be in 0..07777");
    }
  }
}
