package dev.strongroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteBatcherTest {
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final List<List<Command>> sent = new ArrayList<>();
  private final List<CompletableFuture<long[]>> replies = new ArrayList<>();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private WriteBatcher batcher(int inFlight, Executor completions) {
    return batcher(inFlight, completions, Duration.ZERO);
  }

  private WriteBatcher batcher(int inFlight, Executor completions, Duration refill) {
    return new WriteBatcher(
        commands -> {
          CompletableFuture<long[]> reply = new CompletableFuture<>();
          synchronized (sent) {
            sent.add(commands);
            replies.add(reply);
          }
          return reply;
        },
        completions,
        inFlight,
        100,
        1000,
        refill.toNanos());
  }

  private static Command delete(int i) {
    return new Command.DeleteSecret("ns", "s" + i);
  }

  @Test
  void aLoneWriteGoesAtOnceAndLaterOnesShareTheNextBatch() throws Exception {
    WriteBatcher batcher = batcher(1, Runnable::run);
    CompletableFuture<Long> first = batcher.submit(delete(0), 10);
    List<CompletableFuture<Long>> waiting = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      waiting.add(batcher.submit(delete(i), 10));
    }
    assertThat(sent).hasSize(1);
    replies.get(0).complete(new long[] {7});
    assertThat(first.get()).isEqualTo(7);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1)).hasSize(5);
    replies.get(1).complete(new long[] {1, 2, 3, 4, 5});
    for (int i = 0; i < 5; i++) {
      assertThat(waiting.get(i).get()).isEqualTo(i + 1);
    }
  }

  @Test
  void batchesRespectTheByteLimitAndFailTogether() {
    WriteBatcher batcher = batcher(1, Runnable::run);
    batcher.submit(delete(0), 10);
    CompletableFuture<Long> a = batcher.submit(delete(1), 600);
    CompletableFuture<Long> b = batcher.submit(delete(2), 600);
    replies.get(0).complete(new long[] {1});
    assertThat(sent.get(1)).hasSize(1);
    replies.get(1).completeExceptionally(new StoreUnavailableException("no majority"));
    assertThatThrownBy(a::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(StoreUnavailableException.class);
    assertThat(sent).hasSize(3);
    replies.get(2).complete(new long[] {9});
    assertThat(b.join()).isEqualTo(9);
  }

  @Test
  void completionsRunOnTheGivenExecutor() throws Exception {
    WriteBatcher batcher = batcher(2, executor);
    CompletableFuture<String> thread = new CompletableFuture<>();
    CompletableFuture<Long> write = batcher.submit(delete(0), 10);
    write.thenRun(() -> thread.complete(Thread.currentThread().getName()));
    String callerThread = Thread.currentThread().getName();
    replies.get(0).complete(new long[] {1});
    assertThat(thread.get(10, TimeUnit.SECONDS)).isNotEqualTo(callerThread);
  }

  private int sentCount() {
    synchronized (sent) {
      return sent.size();
    }
  }

  @Test
  void afterConcurrentWritesTheNextBatchWaitsUntilAsManyAreQueuedAgain() throws Exception {
    // A refill window far longer than the test: only the queue reaching its target ends it.
    WriteBatcher batcher = batcher(1, executor, Duration.ofHours(1));
    CompletableFuture<Long> first = batcher.submit(delete(0), 10);
    batcher.submit(delete(1), 10);
    batcher.submit(delete(2), 10);
    replies.get(0).complete(new long[] {1});
    first.get(10, TimeUnit.SECONDS);
    assertThat(sentCount()).isEqualTo(1);
    // The first writer writes again; with it the queue holds the three writes seen at completion.
    batcher.submit(delete(3), 10);
    await().until(() -> sentCount() == 2);
    assertThat(sent.get(1)).hasSize(3);
  }

  @Test
  void aLoneWriterNeverWaitsForARefill() throws Exception {
    WriteBatcher batcher = batcher(1, executor, Duration.ofHours(1));
    CompletableFuture<Long> first = batcher.submit(delete(0), 10);
    replies.get(0).complete(new long[] {1});
    first.get(10, TimeUnit.SECONDS);
    batcher.submit(delete(1), 10);
    await().until(() -> sentCount() == 2);
    assertThat(sent.get(1)).hasSize(1);
  }
}
