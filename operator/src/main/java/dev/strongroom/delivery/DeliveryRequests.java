package dev.strongroom.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.thirdparty.io.netty.buffer.Unpooled;
import org.apache.ratis.thirdparty.io.netty.channel.ChannelFuture;
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
 * One connection's requests, read one at a time (the channel does not read on its own: the next
 * read follows each answer), each answered on the delivery workers, or at once with 429 when more
 * than {@code maxPending} are waiting or running on the endpoint. A client that pipelines gets its
 * answers in order, up to {@link #MAX_UNANSWERED} at a time (beyond that the connection closes:
 * agents send one request). The connection closes after an answer when the client asked for it,
 * after a request it could not read, and when it has been idle ({@link DeliveryServer}).
 */
final class DeliveryRequests extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRequests.class);

  /**
   * How long an idle connection stays open, as answers tell the client: less than the server's idle
   * timeout, so that a client that keeps connections (the JDK's assumes 5 s without this) never
   * reuses one the server is closing.
   */
  private static final String KEEP_ALIVE = "timeout=25";

  /** Requests one connection may have unanswered: what one read can hold, pipelined. */
  static final int MAX_UNANSWERED = 8;

  private final DeliveryHandler handler;
  private final Executor workers;
  private final AtomicInteger pending;
  private final int maxPending;

  /**
   * The last answer of this connection, handed to the event loop or to be; the next is handed after
   * it, and the event loop writes them in that order.
   */
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

  /** On the event loop only: requests read and not yet answered. */
  private int unanswered;

  /** On the event loop only: no more requests are taken on this connection. */
  private boolean closing;

  DeliveryRequests(
      DeliveryHandler handler, Executor workers, AtomicInteger pending, int maxPending) {
    this.handler = handler;
    this.workers = workers;
    this.pending = pending;
    this.maxPending = maxPending;
  }

  @Override
  public void channelActive(ChannelHandlerContext context) throws Exception {
    context.read();
    super.channelActive(context);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
    if (closing) {
      return;
    }
    if (++unanswered > MAX_UNANSWERED) {
      // After the answers before it.
      closing = true;
      last = last.thenRunAsync(context::close, context.executor());
      return;
    }
    String path = request.decoderResult().isSuccess() ? pathOf(request.uri()) : null;
    if (path == null) {
      closing = true;
      answerNow(context, handler.malformed(), false);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    closing = !keepAlive;
    String method = request.method().name();
    String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      answerNow(context, handler.handle(method, path, authorization, true), keepAlive);
      return;
    }
    last =
        last.thenRunAsync(
                () -> {
                  try {
                    // Nobody would read the answer of a connection that has gone.
                    if (context.channel().isActive()) {
                      write(context, handler.handle(method, path, authorization, false), keepAlive);
                    }
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

  /** The request's path, or null when it is not a URI path (such as a bad percent-escape). */
  private static String pathOf(String uri) {
    try {
      return new QueryStringDecoder(uri).path();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Writes an answer made on the event loop after the answers before it: through the event loop's
   * queue, where a worker's earlier write already waits.
   */
  private void answerNow(
      ChannelHandlerContext context, DeliveryHandler.Answer answer, boolean keepAlive) {
    last = last.thenRunAsync(() -> write(context, answer, keepAlive), context.executor());
  }

  private void write(
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
    context
        .writeAndFlush(response)
        .addListener(
            (ChannelFuture written) -> {
              // The listener runs on the event loop.
              answer.wipe();
              unanswered--;
              if (!keepAlive || !written.isSuccess()) {
                context.close();
              } else {
                context.read();
              }
            });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
    if (event instanceof IdleStateEvent && unanswered == 0) {
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
