package dev.strongroom.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.thirdparty.io.netty.buffer.Unpooled;
import org.apache.ratis.thirdparty.io.netty.channel.ChannelFuture;
import org.apache.ratis.thirdparty.io.netty.channel.ChannelFutureListener;
import org.apache.ratis.thirdparty.io.netty.channel.ChannelHandlerContext;
import org.apache.ratis.thirdparty.io.netty.channel.SimpleChannelInboundHandler;
import org.apache.ratis.thirdparty.io.netty.handler.codec.http.DefaultFullHttpResponse;
import org.apache.ratis.thirdparty.io.netty.handler.codec.http.FullHttpRequest;
import org.apache.ratis.thirdparty.io.netty.handler.codec.http.FullHttpResponse;
import org.apache.ratis.thirdparty.io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.ratis.thirdparty.io.netty.handler.codec.http.HttpHeaderValues;
import org.apache.ratis.thirdparty.io.netty.handler.codec.http.HttpHeaders;
import org.apache.ratis.thirdparty.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.ratis.thirdparty.io.netty.handler.codec.http.HttpUtil;
import org.apache.ratis.thirdparty.io.netty.handler.codec.http.HttpVersion;
import org.apache.ratis.thirdparty.io.netty.handler.codec.http.QueryStringDecoder;
import org.apache.ratis.thirdparty.io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's requests: each is answered on the delivery workers, in the order they came (a
 * client that pipelines gets its answers in order), or at once with 429 when more than {@code
 * maxPending} are waiting or running on the endpoint. The connection closes after an answer when
 * the client asked for it, and when it has been idle ({@link DeliveryServer}).
 */
final class DeliveryRequests extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRequests.class);

  /**
   * How long an idle connection stays open, as answers tell the client: less than the server's idle
   * timeout, so that a client that keeps connections (the JDK's assumes 5 s without this) never
   * reuses one the server is closing.
   */
  private static final String KEEP_ALIVE = "timeout=25";

  private final DeliveryHandler handler;
  private final Executor workers;
  private final AtomicInteger pending;
  private final int maxPending;

  /** The last answer of this connection, written or to be; the next is written after it. */
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

  DeliveryRequests(
      DeliveryHandler handler, Executor workers, AtomicInteger pending, int maxPending) {
    this.handler = handler;
    this.workers = workers;
    this.pending = pending;
    this.maxPending = maxPending;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      DeliveryHandler.Answer answer = handler.malformed();
      last = last.thenRun(() -> write(context, answer, false));
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    String method = request.method().name();
    String path = new QueryStringDecoder(request.uri()).path();
    String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      DeliveryHandler.Answer answer = handler.handle(method, path, authorization, true);
      last = last.thenRun(() -> write(context, answer, keepAlive));
      return;
    }
    last =
        last.thenRunAsync(
                () -> {
                  try {
                    write(context, handler.handle(method, path, authorization, false), keepAlive);
                  } finally {
                    pending.decrementAndGet();
                  }
                },
                workers)
            .exceptionally(
                e -> {
                  // The workers are shut down: the server is closing.
                  context.close();
                  return null;
                });
  }

  private static void write(
      ChannelHandlerContext context, DeliveryHandler.Answer answer, boolean keepAlive) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(answer.status()),
            Unpooled.wrappedBuffer(answer.body()));
    HttpHeaders headers = response.headers();
    headers.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
    headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    if (answer.retryAfterSeconds() > 0) {
      headers.setInt(HttpHeaderNames.RETRY_AFTER, answer.retryAfterSeconds());
    }
    if (keepAlive) {
      headers.set(HttpHeaderNames.KEEP_ALIVE, KEEP_ALIVE);
    } else {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    ChannelFuture written = context.writeAndFlush(response);
    written.addListener(done -> answer.wipe());
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
    if (event instanceof IdleStateEvent && last.isDone()) {
      context.close();
      return;
    }
    super.userEventTriggered(context, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    // A client that fails its handshake or goes away: nothing the endpoint can act on, and its
    // details (the client's own messages) are not ours to log.
    LOG.debug("delivery connection closed: {}", cause.getClass().getName());
    context.close();
  }
}
