package dev.strongroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventQueueTest {
  private final List<Integer> received = new CopyOnWriteArrayList<>();

  @Test
  void handsEveryItemOverInOrderAndDrainsOnClose() {
    EventQueue<Integer> queue = new EventQueue<>("test-events", 1000, received::add);
    IntStream.range(0, 500).forEach(queue::offer);
    queue.close(Duration.ofSeconds(30));

    assertThat(received).containsExactlyElementsOf(IntStream.range(0, 500).boxed().toList());
    assertThat(queue.dropped()).isZero();
  }

  @Test
  void dropsWhatDoesNotFitWhileTheSinkIsStuckAndCountsIt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EventQueue<Integer> queue =
        new EventQueue<>(
            "test-events",
            2,
            item -> {
              entered.countDown();
              awaitQuietly(release);
              received.add(item);
            });
    queue.offer(0);
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    // 0 is in the sink; 1 and 2 fill the queue; 3 and 4 do not fit.
    IntStream.range(1, 5).forEach(queue::offer);
    assertThat(queue.dropped()).isEqualTo(2);

    release.countDown();
    queue.close(Duration.ofSeconds(30));
    assertThat(received).containsExactly(0, 1, 2);
  }

  @Test
  void aFailingItemDoesNotStopTheOnesAfterIt() {
    EventQueue<Integer> queue =
        new EventQueue<>(
            "test-events",
            10,
            item -> {
              if (item == 1) {
                throw new IllegalStateException("the API server said no");
              }
              received.add(item);
            });
    IntStream.range(0, 4).forEach(queue::offer);
    queue.close(Duration.ofSeconds(30));

    assertThat(received).containsExactly(0, 2, 3);
  }

  @Test
  void nothingIsTakenAfterClose() {
    EventQueue<Integer> queue = new EventQueue<>("test-events", 10, received::add);
    queue.close(Duration.ofSeconds(30));
    queue.offer(7);

    assertThat(received).isEmpty();
    assertThat(queue.dropped()).isEqualTo(1);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
