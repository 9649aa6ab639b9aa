package dev.strongroom.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Group commit: writes from concurrent callers that arrive while earlier batches are in flight are
 * proposed together as one log entry, so one encryption, one fsync per peer and one replication
 * round serve many writes. A lone writer is sent at once, so latency at low concurrency does not
 * grow. Each caller still gets its own result (or the batch's failure).
 */
final class WriteBatcher {
  private final Function<List<Command>, CompletableFuture<long[]>> sender;
  private final Executor completions;
  private final int maxInFlight;
  private final int maxCommands;
  private final int maxBytes;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;

  private record Pending(Command command, int size, CompletableFuture<Long> result) {}

  WriteBatcher(
      Function<List<Command>, CompletableFuture<long[]>> sender,
      Executor completions,
      int maxInFlight,
      int maxCommands,
      int maxBytes) {
    this.sender = sender;
    this.completions = completions;
    this.maxInFlight = maxInFlight;
    this.maxCommands = maxCommands;
    this.maxBytes = maxBytes;
  }

  /** Queues a command; the future completes with its result once its batch is committed. */
  CompletableFuture<Long> submit(Command command, int size) {
    CompletableFuture<Long> result = new CompletableFuture<>();
    List<Pending> batch;
    synchronized (this) {
      queue.add(new Pending(command, size, result));
      batch = takeBatchIfIdle();
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
          for (int i = 0; i < batch.size(); i++) {
            if (failure == null) {
              batch.get(i).result().complete(results[i]);
            } else {
              batch.get(i).result().completeExceptionally(failure);
            }
          }
          List<Pending> next;
          synchronized (this) {
            inFlight--;
            next = takeBatchIfIdle();
          }
          send(next);
        },
        completions);
  }
}
