package dev.strongroom.store;

import java.util.List;

/** A state-changing command as proposed to the Raft log (before encryption). */
sealed interface Command {
  /**
   * Adds a version to a secret; the leader's clock is carried in so apply stays deterministic.
   * {@code origin} names what produced the value (never the value), so callers can tell whether a
   * source changed.
   */
  record PutSecretVersion(
      String namespace, String name, byte[] value, String origin, long timeMillis)
      implements Command {
    @Override
    public String toString() {
      return "PutSecretVersion[" + value.length + " bytes]";
    }
  }

  /**
   * Deletes a secret with all its versions. With {@code forgetUnnamed} a secret that no grant
   * revision names is forgotten whole, its version counter too; without (what entries written
   * before this choice mean) the counter stays.
   */
  record DeleteSecret(String namespace, String name, boolean forgetUnnamed) implements Command {
    DeleteSecret(String namespace, String name) {
      this(namespace, name, false);
    }
  }

  /**
   * Records a service's grant set as its next revision, for the SwarmService with {@code
   * serviceUid}, then keeps only the newest {@code retain} of its revisions ({@link #RETAIN_ALL}:
   * every one). The count travels in the log, so every peer prunes exactly the same revisions
   * whatever its own settings.
   */
  record RecordGrantRevision(
      String namespace,
      String service,
      String serviceUid,
      List<Grant> grants,
      long timeMillis,
      int retain)
      implements Command {
    static final int RETAIN_ALL = 0;

    public RecordGrantRevision {
      grants = List.copyOf(grants);
      serviceUid = serviceUid == null ? "" : serviceUid;
      if (retain < 0) {
        throw new IllegalArgumentException("retain must be 0 (all) or positive");
      }
    }

    /** A revision as recorded before UIDs and retention: for no service in particular, kept. */
    RecordGrantRevision(String namespace, String service, List<Grant> grants, long timeMillis) {
      this(namespace, service, "", grants, timeMillis, RETAIN_ALL);
    }
  }

  /**
   * Forgets every grant revision of a service that no longer exists, only while its newest revision
   * is {@code expectedLatest}: a service created again under the name and reconciled in the
   * meantime has recorded a newer one, and keeps them.
   */
  record ForgetService(String namespace, String service, long expectedLatest) implements Command {
    public ForgetService {
      if (expectedLatest < 1) {
        throw new IllegalArgumentException("a forgotten service's newest revision is 1 or more");
      }
    }
  }

  /**
   * Adds a version to a named key-material blob; with {@code expectedLatest} other than {@link
   * #ANY}, only when the newest version is that one (0: none yet), so two replicas that create or
   * rotate the same material at once cannot overwrite each other.
   */
  record PutKeyMaterial(String name, byte[] material, long timeMillis, long expectedLatest)
      implements Command {
    static final long ANY = -1;

    PutKeyMaterial(String name, byte[] material, long timeMillis) {
      this(name, material, timeMillis, ANY);
    }

    @Override
    public String toString() {
      return "PutKeyMaterial[" + material.length + " bytes]";
    }
  }

  /** Several commands from concurrent callers in one log entry, applied in order (group commit). */
  record Batch(List<Command> commands) implements Command {
    public Batch {
      commands = List.copyOf(commands);
      if (commands.isEmpty() || commands.stream().anyMatch(c -> c instanceof Batch)) {
        throw new IllegalArgumentException("a batch holds one or more plain commands");
      }
    }

    @Override
    public String toString() {
      return "Batch[" + commands.size() + " commands]";
    }
  }
}
