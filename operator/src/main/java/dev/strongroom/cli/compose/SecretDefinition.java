package dev.strongroom.cli.compose;

/**
 * A top-level Compose secret: exactly one of {@code file}, {@code environment} or {@code external},
 * and an optional {@code name} that replaces {@code <stack>_<key>}.
 */
record SecretDefinition(
    String key,
    Location location,
    Located<String> file,
    Located<String> environment,
    boolean external,
    Located<String> name) {}
