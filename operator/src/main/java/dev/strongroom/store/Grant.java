package dev.strongroom.store;

/** One granted secret version and how it appears in the pod (Swarm's long syntax). */
public record Grant(
    String secretName, long secretVersion, String target, String uid, String gid, int mode) {
  public Grant {
    if (secretName == null || secretName.isEmpty() || target == null) {
      throw new IllegalArgumentException("a grant names a secret and a target");
    }
    if (target.isEmpty()
        || target.startsWith("/")
        || target.indexOf('\0') >= 0
        || java.util.Arrays.asList(target.split("/")).contains("..")) {
      throw new IllegalArgumentException("a grant target is a relative path without '..'");
    }
    if (!uid.matches("[0-9]{1,10}") || !gid.matches("[0-9]{1,10}")) {
      throw new IllegalArgumentException("uid and gid are numeric");
    }
    if (secretVersion < 1) {
      throw new IllegalArgumentException("a grant names a version >= 1");
    }
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("mode must be in 0..07777");
    }
  }
}
