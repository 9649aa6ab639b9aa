package dev.strongroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.store.StoreSize;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StoreSizeSamplerTest {
  @Test
  void countsOncePerSecondHoweverManyGaugesAsk() {
    AtomicLong counts = new AtomicLong();
    AtomicLong now = new AtomicLong(5_000_000_000L);
    StoreSizeSampler sampler =
        new StoreSizeSampler(() -> new StoreSize(counts.incrementAndGet(), 0, 0, 0, 0), now::get);

    assertThat(sampler.get().secrets()).isEqualTo(1);
    now.addAndGet(999_000_000L);
    assertThat(sampler.get().secrets()).as("the same scrape").isEqualTo(1);
    now.addAndGet(2_000_000L);
    assertThat(sampler.get().secrets()).as("a second later").isEqualTo(2);
    assertThat(counts).hasValue(2);
  }
}
