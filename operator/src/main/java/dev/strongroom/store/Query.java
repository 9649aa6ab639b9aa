package dev.strongroom.store;

import java.util.List;

/** A read-only request answered by the state machine after a linearizable read index. */
sealed interface Query {
  /** A secret version; version 0 means the newest. */
  record ReadSecret(String namespace, String name, long version) implements Query {}

  /** The secrets of a namespace: all of them, or only {@code names} when that is not empty. */
  record ListSecrets(String namespace, List<String> names) implements Query {
    public ListSecrets {
      names = List.copyOf(names);
    }

    /** All secrets of the namespace. */
    public ListSecrets(String namespace) {
      this(namespace, List.of());
    }
  }

  /** A grant revision; revision 0 means the newest. */
  record ReadGrants(String namespace, String service, long revision) implements Query {}

  /** A grant revision (0: the newest) with the secret versions it grants, in one read. */
  record ReadGrantedSecrets(String namespace, String service, long revision) implements Query {}

  /** A key-material blob; version 0 means the newest. */
  record ReadKeyMaterial(String name, long version) implements Query {}

  /** Every service with grant revisions (no grants, no values). */
  record ListServices() implements Query {}

  /** The id of the current data key, 0 when the keyring is empty. */
  record CurrentDataKey() implements Query {}
}
