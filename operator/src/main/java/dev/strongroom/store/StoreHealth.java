package dev.strongroom.store;

/**
 * How this peer of the store is doing, for readiness probes and metrics.
 *
 * @param leaderKnown whether the peer knows a leader (a majority is reachable)
 * @param leader whether this peer is the leader
 * @param caughtUp whether this peer has applied everything it knows to be committed
 */
public record StoreHealth(boolean locked, boolean leaderKnown, boolean leader, boolean caughtUp) {
  /** The health of a store that has not been unlocked. */
  public static StoreHealth lockedStore() {
    return new StoreHealth(true, false, false, false);
  }

  /** Ready to serve: unlocked, with a leader, and caught up. */
  public boolean ready() {
    return !locked && leaderKnown && caughtUp;
  }
}
