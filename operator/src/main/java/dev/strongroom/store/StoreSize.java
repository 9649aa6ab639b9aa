package dev.strongroom.store;

/**
 * What one peer's state holds (names and counts only), for metrics: how far the store has grown.
 *
 * @param secrets secrets with at least one version
 * @param versions secret versions held, superseded ones that a grant revision names included
 * @param valueBytes the bytes of those versions' values
 * @param services services with grant revisions
 * @param revisions grant revisions held
 */
public record StoreSize(
    long secrets, long versions, long valueBytes, long services, long revisions) {
  /** A store that holds nothing, or that is locked. */
  public static final StoreSize EMPTY = new StoreSize(0, 0, 0, 0, 0);
}
