package dev.strongroom.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Docker-style IDs for Kubernetes objects: the first 12 hex digits of {@code metadata.uid}. */
final class ShortIds {
  static final int LENGTH = 12;

  private ShortIds() {}

  static String of(HasMetadata object) {
    String uid = full(object);
    return uid.length() > LENGTH ? uid.substring(0, LENGTH) : uid;
  }

  /** The uid without dashes, which an ID given on the command line may be a prefix of. */
  static String full(HasMetadata object) {
    String uid = object.getMetadata().getUid();
    return uid == null ? "" : uid.replace("-", "");
  }

  /** Whether {@code id} (with or without dashes) is a prefix of the object's uid. */
  static boolean matches(HasMetadata object, String id) {
    String wanted = id.replace("-", "");
    return !wanted.isEmpty() && wanted.matches("[0-9a-f]+") && full(object).startsWith(wanted);
  }
}
