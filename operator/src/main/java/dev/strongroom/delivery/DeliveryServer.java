package dev.strongroom.delivery;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The HTTPS listener of the delivery endpoint: TLS 1.3 or 1.2 only ({@link DeliveryTls}), a bounded
 * worker pool.
 */
final class DeliveryServer implements AutoCloseable {
  private final HttpsServer server;
  private final ExecutorService workers;

  private DeliveryServer(HttpsServer server, ExecutorService workers) {
    this.server = server;
    this.workers = workers;
  }

  /**
   * Listens on {@code port} (0 picks one) with {@code workers} threads; requests beyond {@code
   * maxPending} waiting or running are answered 429.
   */
  static DeliveryServer start(
      int port,
      ServingKeyManager keys,
      DeliveryService service,
      DeliveryMetrics metrics,
      int workerCount,
      int maxPending,
      SecureRandom random)
      throws IOException {
    SSLContext tls;
    try {
      tls = DeliveryTls.serverContext(keys, random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for the delivery endpoint", e);
    }
    HttpsServer server = HttpsServer.create(new InetSocketAddress(port), 1024);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            // The context's engines come set up (DeliveryTls); the default here would reset their
            // protocols and suites to the provider's defaults.
          }
        });
    AtomicInteger pending = new AtomicInteger();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workerCount,
            r -> {
              Thread t = new Thread(r, "strongroom-delivery-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(
        task -> {
          pending.incrementAndGet();
          pool.execute(
              () -> {
                try {
                  task.run();
                } finally {
                  pending.decrementAndGet();
                }
              });
        });
    server.createContext(
        "/", new DeliveryHandler(service, metrics, new AuditLog(), pending::get, maxPending));
    server.start();
    return new DeliveryServer(server, pool);
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
