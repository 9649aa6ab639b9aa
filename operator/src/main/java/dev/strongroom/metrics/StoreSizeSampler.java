package dev.strongroom.metrics;

import dev.strongroom.store.StoreSize;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The store's size, counted once and reused for a second, so one scrape of five gauges walks the
 * store's state once rather than five times.
 */
final class StoreSizeSampler {
  private static final long FRESH_NANOS = 1_000_000_000L;

  private final Supplier<StoreSize> count;
  private final LongSupplier nanoTime;
  private StoreSize last;
  private long countedAt;

  StoreSizeSampler(Supplier<StoreSize> count) {
    this(count, System::nanoTime);
  }

  StoreSizeSampler(Supplier<StoreSize> count, LongSupplier nanoTime) {
    this.count = count;
    this.nanoTime = nanoTime;
  }

  synchronized StoreSize get() {
    long now = nanoTime.getAsLong();
    if (last == null || now - countedAt > FRESH_NANOS) {
      last = count.get();
      countedAt = now;
    }
    return last;
  }
}
