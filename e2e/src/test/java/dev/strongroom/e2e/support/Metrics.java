package dev.strongroom.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/** An operator's Prometheus {@code /metrics}, read over its health port. */
public final class Metrics {
  private Metrics() {}

  /** The text of {@code /metrics} on {@code healthPort}. */
  public static String scrape(int healthPort) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The sum of the samples whose line starts with {@code prefix} and contains every one of {@code
   * parts}; fails when there is none, so a renamed metric is not read as zero.
   */
  public static double sum(String metrics, String prefix, String... parts) {
    double[] values =
        metrics
            .lines()
            .filter(l -> l.startsWith(prefix) && Arrays.stream(parts).allMatch(l::contains))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .toArray();
    if (values.length == 0) {
      throw new AssertionError(
          "no sample " + prefix + " " + Arrays.toString(parts) + " in /metrics");
    }
    return Arrays.stream(values).sum();
  }
}
