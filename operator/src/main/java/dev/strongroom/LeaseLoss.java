package dev.strongroom;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a replica does when it stops holding the leader Lease: while running, it exits so that its
 * pod restarts and campaigns afresh (no half-stopped controllers); while shutting down, nothing.
 * The Java Operator SDK's own exit-on-stop-leading calls {@code System.exit} on the thread that
 * stops the operator, which from a SIGTERM shutdown hook blocks forever.
 */
final class LeaseLoss {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseLoss.class);

  private final AtomicBoolean closing = new AtomicBoolean();
  private final Runnable exit;

  /** Exits the process with status 1, from a thread of its own so no lock is held meanwhile. */
  LeaseLoss() {
    this(() -> new Thread(() -> System.exit(1), "strongroom-lease-lost").start());
  }

  LeaseLoss(Runnable exit) {
    this.exit = exit;
  }

  LeaderCallbacks callbacks() {
    return callbacks(() -> {});
  }

  /** The callbacks, running {@code startedLeading} when this replica takes the Lease. */
  LeaderCallbacks callbacks(Runnable startedLeading) {
    return new LeaderCallbacks(startedLeading, this::stoppedLeading, identity -> {});
  }

  /** From now on, losing the Lease is the expected end of a shutdown. */
  void closing() {
    closing.set(true);
  }

  private void stoppedLeading() {
    if (!closing.get()) {
      LOG.error("lost the leader Lease; exiting so that the pod restarts and campaigns again");
      exit.run();
    }
  }
}
