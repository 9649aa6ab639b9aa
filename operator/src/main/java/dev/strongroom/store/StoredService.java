package dev.strongroom.store;

/**
 * A service the store holds grant revisions for: the revisions from {@code oldestRevision} to
 * {@code latestRevision}, {@code revisions} of them (older ones were not retained).
 */
public record StoredService(
    String namespace, String service, long oldestRevision, long latestRevision, int revisions) {}
