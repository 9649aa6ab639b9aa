package dev.strongroom.cli.compose;

/** A service's reference to a top-level secret (short or long syntax); nulls are unset. */
record ServiceSecret(
    String source, Location location, String target, String uid, String gid, Integer mode) {}
