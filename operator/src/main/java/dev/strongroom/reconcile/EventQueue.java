package dev.strongroom.reconcile;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands items to a sink on one background thread, in order, dropping what does not fit: a reconcile
 * that records an Event must not wait for the API server to store it (under load that wait sat
 * between a grant change and its Deployment), and a courtesy must not grow without bound while the
 * API server is down. client-go's event recorder makes the same trade.
 */
final class EventQueue<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);

  private final ThreadPoolExecutor sender;
  private final Consumer<T> sink;
  private final AtomicLong dropped = new AtomicLong();

  EventQueue(String threadName, int capacity, Consumer<T> sink) {
    this.sink = sink;
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(capacity),
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            },
            (runnable, executor) -> dropped.incrementAndGet());
  }

  /** Queues {@code item}; drops it (and counts it) when the queue is full or closed. */
  void offer(T item) {
    sender.execute(
        () -> {
          try {
            sink.accept(item);
          } catch (RuntimeException e) {
            LOG.warn("could not hand over a queued item: {}", e.getClass().getName());
          }
        });
  }

  /** How many items were dropped so far. */
  long dropped() {
    return dropped.get();
  }

  /** Stops taking items and waits up to {@code drain} for the queued ones to reach the sink. */
  void close(Duration drain) {
    sender.shutdown();
    try {
      if (!sender.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
        sender.shutdownNow();
      }
    } catch (InterruptedException e) {
      sender.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(2));
  }
}
