package dev.strongroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strongroom.store.StoreHealth;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probes answer from the store's health alone. */
class HealthServerTest {
  private final AtomicReference<StoreHealth> store =
      new AtomicReference<>(StoreHealth.lockedStore());
  private final HttpClient http = HttpClient.newHttpClient();
  private HealthServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        HealthServer.start(0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), store::get);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readyOnlyOnceTheStoreIsUnlockedHasALeaderAndHasCaughtUp() throws Exception {
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(get("/readyz").body()).startsWith("not ready: StoreHealth[locked=true");

    store.set(new StoreHealth(true, true, true, true));
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    store.set(new StoreHealth(false, false, false, false));
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    store.set(new StoreHealth(false, true, false, false));
    assertThat(get("/readyz").statusCode()).isEqualTo(503);

    store.set(new StoreHealth(false, true, false, true));
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").body()).isEqualTo("ready\n");

    store.set(new StoreHealth(false, false, false, true));
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
  }

  @Test
  void aliveWhateverTheStoreAndGetOnly() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(uri("/readyz"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
