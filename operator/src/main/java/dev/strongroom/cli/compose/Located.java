package dev.strongroom.cli.compose;

/** A value read from a Compose file, with where it was written. */
record Located<T>(T value, Location location) {}
