package dev.strongroom.cli;

/** The server-side apply identity of what the CLI writes, as kubectl's is {@code kubectl}. */
final class FieldManagers {
  static final String CLI = "strongroom-cli";

  private FieldManagers() {}
}
