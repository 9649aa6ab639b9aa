package dev.strongroom.delivery;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Benchmark (not a test): the server's CPU per TLS handshake, as the delivery endpoint makes one
 * for every agent (a new connection from a client with a fresh context, so no resumption),
 * alternating the endpoint's {@link DeliveryTls} with the JDK's own JSSE as the baseline in the
 * same process. The server's time is its handshake threads' CPU, so clients in the same JVM do not
 * count. Run with the agent's key share, from {@code operator/}:
 *
 * <pre>
 * mvn -q test-compile && java -Djdk.tls.namedGroups=secp256r1 \
 *   -cp target/test-classes:target/classes:$(mvn -q dependency:build-classpath \
 *   -Dmdep.outputFile=/dev/stdout) dev.strongroom.delivery.HandshakeBenchmark [handshakes] [rounds]
 * </pre>
 */
public final class HandshakeBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private HandshakeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int handshakes = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    SecureRandom random = new SecureRandom();
    Instant now = Instant.now();
    CertificateAuthority ca =
        Certificates.newAuthority("bench CA", now, now.plus(Duration.ofDays(1)), random);
    KeyPair pair = Certificates.newKeyPair(random);
    X509Certificate serving = TestingTls.serving(ca, pair, random);
    X509Certificate[] chain = {serving, ca.certificate()};
    ServingKeyManager jdkKeys = new ServingKeyManager();
    jdkKeys.use(pair.getPrivate(), chain);
    SSLContext jdk = SSLContext.getInstance("TLS");
    jdk.init(new KeyManager[] {jdkKeys}, null, random);
    // The endpoint's key as DeliveryEndpoint hands it over.
    ServingKeyManager deliveryKeys = new ServingKeyManager();
    deliveryKeys.use(P256SigningKey.of(pair.getPrivate()), chain);
    SSLContext delivery = DeliveryTls.serverContext(deliveryKeys, random);

    System.out.printf(
        "handshakes: %d per slice, %d rounds (the first is warm-up), key share offered: %s%n",
        handshakes, rounds, System.getProperty("jdk.tls.namedGroups", "the JDK's default"));
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      // ABBA: each side goes first in every other round.
      boolean jdkFirst = round % 2 == 0;
      double first =
          jdkFirst
              ? serverCpuPerHandshake(jdk, s -> s, ca.certificate(), handshakes)
              : serverCpuPerHandshake(
                  delivery, DeliveryTls::configured, ca.certificate(), handshakes);
      double second =
          jdkFirst
              ? serverCpuPerHandshake(
                  delivery, DeliveryTls::configured, ca.certificate(), handshakes)
              : serverCpuPerHandshake(jdk, s -> s, ca.certificate(), handshakes);
      double jdkMs = jdkFirst ? first : second;
      double deliveryMs = jdkFirst ? second : first;
      System.out.printf(
          "round %d: JDK JSSE %.3f ms, DeliveryTls %.3f ms of server CPU per handshake, ratio %.3f%s%n",
          round, jdkMs, deliveryMs, deliveryMs / jdkMs, round == 0 ? " (warm-up)" : "");
      if (round > 0) {
        ratios.add(deliveryMs / jdkMs);
      }
    }
    System.out.printf(
        "DeliveryTls / JDK JSSE, server CPU per handshake: median %.3f%n", median(ratios));
  }

  /** Milliseconds of the server's CPU per handshake, over {@code count} new connections. */
  private static double serverCpuPerHandshake(
      SSLContext server, UnaryOperator<SSLSocket> accepted, X509Certificate ca, int count)
      throws Exception {
    int serverThreads = 2;
    ExecutorService servers = Executors.newFixedThreadPool(serverThreads);
    ExecutorService clients = Executors.newFixedThreadPool(serverThreads);
    try (SSLServerSocket listener =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 256)) {
      List<Future<Long>> served = new ArrayList<>();
      for (int t = 0; t < serverThreads; t++) {
        int share = count / serverThreads;
        served.add(servers.submit(() -> serve(listener, accepted, share)));
      }
      List<Future<?>> sent = new ArrayList<>();
      for (int t = 0; t < serverThreads; t++) {
        int share = count / serverThreads;
        sent.add(clients.submit(() -> connect(ca, listener.getLocalPort(), share)));
      }
      for (Future<?> f : sent) {
        f.get();
      }
      long cpuNanos = 0;
      for (Future<Long> f : served) {
        cpuNanos += f.get();
      }
      return cpuNanos / 1e6 / (count / serverThreads * serverThreads);
    } finally {
      servers.shutdownNow();
      clients.shutdownNow();
    }
  }

  /** Accepts {@code count} connections, each a handshake and one byte echoed; its CPU time. */
  private static long serve(SSLServerSocket listener, UnaryOperator<SSLSocket> accepted, int count)
      throws Exception {
    long start = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < count; i++) {
      try (SSLSocket socket = accepted.apply((SSLSocket) listener.accept())) {
        socket.setTcpNoDelay(true); // as the endpoint: no answer waits out a delayed ACK
        socket.startHandshake();
        InputStream in = socket.getInputStream();
        socket.getOutputStream().write(in.read());
      }
    }
    return THREADS.getCurrentThreadCpuTime() - start;
  }

  private static Void connect(X509Certificate ca, int port, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      SSLContext context = TestingTls.clientTrusting(ca);
      try (SSLSocket socket =
          (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
        socket.setTcpNoDelay(true);
        socket.getOutputStream().write(7);
        if (socket.getInputStream().read() != 7) {
          throw new IllegalStateException("the server answered something else");
        }
      }
    }
    return null;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
