package dev.strongroom.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/** Delivery metrics: deliveries by result, latency by result, and secrets served. */
public final class DeliveryMetrics {
  private final MeterRegistry registry;
  private final Counter secretsServed;
  private final ConcurrentHashMap<String, Counter> deliveries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> latency = new ConcurrentHashMap<>();

  public DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.secretsServed =
        Counter.builder("strongroom.delivery.secrets.served")
            .description("Secret files delivered to pods")
            .register(registry);
  }

  /**
   * Records one request; {@code result} is {@code served} or a {@link Refusal#result()}, a bounded
   * set.
   */
  public void record(String result, Duration elapsed, int secrets) {
    deliveries
        .computeIfAbsent(
            result,
            r ->
                Counter.builder("strongroom.deliveries")
                    .description("Delivery requests, by result")
                    .tag("result", r)
                    .register(registry))
        .increment();
    latency
        .computeIfAbsent(
            result,
            r ->
                Timer.builder("strongroom.delivery.latency")
                    .description("Time to answer a delivery request, by result")
                    .tag("result", r)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(elapsed);
    secretsServed.increment(secrets);
  }
}
