package dev.strongroom.e2e.support;

import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: each request waits for its scheduled time, whatever became of the earlier ones.
 */
public final class Pacing {
  private Pacing() {}

  /** Returns once {@link System#nanoTime()} has reached {@code due}. */
  public static void parkUntil(long due) {
    for (long wait; (wait = due - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(wait);
    }
  }
}
