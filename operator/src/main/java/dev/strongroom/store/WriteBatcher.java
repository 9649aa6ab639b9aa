package dev.strongroom.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit: writes from concurrent callers that arrive while earlier batches are in flight are
 * proposed together as one log entry, so one encryption, one fsync per peer and one replication
 * round serve many writes. A lone writer is sent at once, so latency at low concurrency does not
 * grow. Each caller still gets its own result (or the batch's failure).
 *
 * <p>When a batch of n writes completes, its callers usually write again at once. Sending the first
 * of them alone would leave the others waiting a whole round, halving throughput; so the next batch
 * waits at most {@code refillNanos} until the queue holds n writes plus those that were already
 * queued (PostgreSQL's {@code commit_delay}, applied only after concurrent writes: a lone writer
 * with nothing queued never waits).
 */
final class WriteBatcher {
  private final Function<List<Command>, CompletableFuture<long[]>> sender;
  private final Executor completions;
  private final int maxInFlight;
  private final int maxCommands;
  private final int maxBytes;
  private final long refillNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition refilled = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;
  private int refillTarget;

  private record Pending(Command command, int size, CompletableFuture<Long> result) {}

  WriteBatcher(
      Function<List<Command>, CompletableFuture<long[]>> sender,
      Executor completions,
      int maxInFlight,
      int maxCommands,
      int maxBytes,
      long refillNanos) {
    this.sender = sender;
    this.completions = completions;
    this.maxInFlight = maxInFlight;
    this.maxCommands = maxCommands;
    this.maxBytes = maxBytes;
    this.refillNanos = refillNanos;
  }

  /** Queues a command; the future completes with its result once its batch is committed. */
  CompletableFuture<Long> submit(Command command, int size) {
    CompletableFuture<Long> result = new CompletableFuture<>();
    List<Pending> batch;
    lock.lock();
    try {
      queue.add(new Pending(command, size, result));
      if (refillTarget > 0 && queue.size() >= refillTarget) {
        refilled.signal();
      }
      batch = takeBatchIfIdle();
    } finally {
      lock.unlock();
    }
    send(batch);
    return result;
  }

  private List<Pending> takeBatchIfIdle() {
    if (inFlight >= maxInFlight || queue.isEmpty()) {
      return null;
    }
    List<Pending> batch = new ArrayList<>();
    int bytes = 0;
    while (!queue.isEmpty() && batch.size() < maxCommands) {
      Pending next = queue.peek();
      if (!batch.isEmpty() && bytes + next.size() > maxBytes) {
        break;
      }
      bytes += next.size();
      batch.add(queue.poll());
    }
    inFlight++;
    return batch;
  }

  private void send(List<Pending> batch) {
    if (batch == null) {
      return;
    }
    CompletableFuture<long[]> sent;
    try {
      sent = sender.apply(batch.stream().map(Pending::command).toList());
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    // Completions run on our own executor: Ratis completes replies while holding its client's
    // sliding-window lock, and sending the next batch from there can deadlock two clients.
    sent.whenCompleteAsync(
        (results, failure) -> {
          // Counted before callers learn their results, so a lone writer that writes again at
          // once is not taken for a second writer worth waiting for.
          int queuedBefore = queued();
          for (int i = 0; i < batch.size(); i++) {
            if (failure == null) {
              batch.get(i).result().complete(results[i]);
            } else {
              batch.get(i).result().completeExceptionally(failure);
            }
          }
          List<Pending> next;
          lock.lock();
          try {
            int target = Math.min(maxCommands, batch.size() + queuedBefore);
            if (failure == null && target > 1) {
              awaitRefill(target);
            }
            inFlight--;
            next = takeBatchIfIdle();
          } finally {
            lock.unlock();
          }
          send(next);
        },
        completions);
  }

  private int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Waits (holding the lock) until {@code target} writes are queued or the refill time is up. */
  private void awaitRefill(int target) {
    long left = refillNanos;
    refillTarget = target;
    try {
      while (queue.size() < target && left > 0) {
        left = refilled.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      refillTarget = 0;
    }
  }
}
