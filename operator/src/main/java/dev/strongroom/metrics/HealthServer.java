package dev.strongroom.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.strongroom.store.StoreHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Plain-HTTP endpoints for the kubelet and Prometheus: {@code /healthz} (the process runs), {@code
 * /readyz} (the store has a leader and has caught up) and {@code /metrics}.
 *
 * <p>Readiness is the store's alone. It gates the traffic a replica serves, the agents' deliveries,
 * which need the store and the delivery endpoint (started before this server), and a StatefulSet
 * rollout, which must not take the next store peer down before this one has caught up. It does not
 * wait for the reconcilers' informers: they serve only the leader's own work, and at 10,000
 * SwarmSecrets and 2,000 SwarmServices their first lists held every restarted replica unready for
 * another 10 to 12 s.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private HealthServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Serves on {@code port} (0 picks a free one) on all interfaces, as probes need. */
  public static HealthServer start(
      int port, PrometheusMeterRegistry registry, Supplier<StoreHealth> store) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> daemon(r, "strongroom-health"));
    server.setExecutor(executor);
    server.createContext("/healthz", exchange -> respond(exchange, 200, "ok\n"));
    server.createContext(
        "/readyz",
        exchange -> {
          StoreHealth health = store.get();
          respond(
              exchange,
              health.ready() ? 200 : 503,
              health.ready() ? "ready\n" : "not ready: " + health + "\n");
        });
    server.createContext(
        "/metrics",
        exchange -> {
          exchange
              .getResponseHeaders()
              .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
          respond(exchange, 200, registry.scrape());
        });
    server.start();
    return new HealthServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (!exchange.getRequestMethod().equals("GET")) {
      exchange.sendResponseHeaders(405, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
