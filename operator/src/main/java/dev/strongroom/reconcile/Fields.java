package dev.strongroom.reconcile;

/** Server-side apply identity: the field manager that owns what Strongroom writes. */
final class Fields {
  static final String MANAGER = "strongroom";

  private Fields() {}
}
