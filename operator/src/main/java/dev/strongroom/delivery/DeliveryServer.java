package dev.strongroom.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.thirdparty.io.netty.bootstrap.ServerBootstrap;
import org.apache.ratis.thirdparty.io.netty.channel.Channel;
import org.apache.ratis.thirdparty.io.netty.channel.ChannelFuture;
import org.apache.ratis.thirdparty.io.netty.channel.ChannelInitializer;
import org.apache.ratis.thirdparty.io.netty.channel.ChannelOption;
import org.apache.ratis.thirdparty.io.netty.channel.EventLoopGroup;
import org.apache.ratis.thirdparty.io.netty.channel.epoll.Epoll;
import org.apache.ratis.thirdparty.io.netty.channel.epoll.EpollEventLoopGroup;
import org.apache.ratis.thirdparty.io.netty.channel.epoll.EpollServerSocketChannel;
import org.apache.ratis.thirdparty.io.netty.channel.nio.NioEventLoopGroup;
import org.apache.ratis.thirdparty.io.netty.channel.socket.SocketChannel;
import org.apache.ratis.thirdparty.io.netty.channel.socket.nio.NioServerSocketChannel;
import org.apache.ratis.thirdparty.io.netty.handler.codec.http.HttpObjectAggregator;
import org.apache.ratis.thirdparty.io.netty.handler.codec.http.HttpServerCodec;
import org.apache.ratis.thirdparty.io.netty.handler.timeout.IdleStateHandler;
import org.apache.ratis.thirdparty.io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The HTTPS listener of the delivery endpoint, on Netty: TLS 1.3 or 1.2 only ({@link ServingTls}),
 * HTTP/1.1 with keep-alive, and a bounded worker pool for the deliveries themselves (which wait for
 * the store and, on a cache miss, the API server). The event loops only accept, run TLS and parse
 * HTTP; nothing on them looks up a peer's host name.
 */
final class DeliveryServer implements AutoCloseable {
  private static final int MAX_REQUEST_BYTES = 4096;

  /** Headers: an agent sends its token (about 1 KiB) and a few short ones. */
  private static final int MAX_HEADER_BYTES = 16 * 1024;

  /** A connection idle this long is closed; answers advertise less ({@link DeliveryRequests}). */
  private static final int IDLE_SECONDS = 30;

  private final Channel listener;
  private final EventLoopGroup acceptor;
  private final EventLoopGroup io;
  private final ExecutorService workers;
  private final ServingTls.Engine engine;

  private DeliveryServer(
      Channel listener,
      EventLoopGroup acceptor,
      EventLoopGroup io,
      ExecutorService workers,
      ServingTls.Engine engine) {
    this.listener = listener;
    this.acceptor = acceptor;
    this.io = io;
    this.workers = workers;
    this.engine = engine;
  }

  /**
   * Listens on {@code port} (0 picks one) with TLS on {@code engine} ({@link
   * ServingTls.Engine#available} where it loads) and {@code workers} threads; requests beyond
   * {@code maxPending} waiting or running are answered 429.
   */
  static DeliveryServer start(
      int port,
      ServingTls.Engine engine,
      ServingKeyManager keys,
      DeliveryService service,
      DeliveryMetrics metrics,
      int workerCount,
      int maxPending,
      SecureRandom random)
      throws IOException {
    ServingTls tls;
    try {
      tls = ServingTls.of(engine, keys, random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for the delivery endpoint", e);
    }
    DeliveryHandler handler = new DeliveryHandler(service, metrics, new AuditLog());
    AtomicInteger pending = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(workerCount, daemon("strongroom-delivery-"));
    // Linux's epoll through Netty's native transport where it loads (it is in the same jar as
    // BoringSSL), Java's selector otherwise.
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup acceptor = eventLoops(epoll, 1, "strongroom-delivery-accept");
    EventLoopGroup io =
        eventLoops(epoll, Runtime.getRuntime().availableProcessors(), "strongroom-delivery-io");
    ChannelFuture bound =
        new ServerBootstrap()
            .group(acceptor, io)
            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            // DeliveryRequests reads a connection's next request once it has answered the last.
            .childOption(ChannelOption.AUTO_READ, false)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) throws Exception {
                    channel
                        .pipeline()
                        .addLast(
                            tls.newHandler(channel.alloc()),
                            new HttpServerCodec(MAX_REQUEST_BYTES, MAX_HEADER_BYTES, 8192),
                            new HttpObjectAggregator(MAX_REQUEST_BYTES),
                            new IdleStateHandler(0, 0, IDLE_SECONDS),
                            new DeliveryRequests(handler, workers, pending, maxPending));
                  }
                })
            .bind(port)
            .awaitUninterruptibly();
    if (!bound.isSuccess()) {
      shutdown(acceptor, io, workers);
      throw new IOException("cannot listen on port " + port, bound.cause());
    }
    return new DeliveryServer(bound.channel(), acceptor, io, workers, tls.engine());
  }

  int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** What the handshakes run on. */
  ServingTls.Engine engine() {
    return engine;
  }

  @Override
  public void close() {
    listener.close().awaitUninterruptibly();
    shutdown(acceptor, io, workers);
  }

  private static EventLoopGroup eventLoops(boolean epoll, int threads, String name) {
    DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
    return epoll
        ? new EpollEventLoopGroup(threads, factory)
        : new NioEventLoopGroup(threads, factory);
  }

  /** The workers first: a worker that writes after its event loop has stopped fails its write. */
  private static void shutdown(EventLoopGroup acceptor, EventLoopGroup io, ExecutorService pool) {
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
      acceptor.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
      io.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
