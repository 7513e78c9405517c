package io.cairn.node.adapter.http;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what HTTP connections can hold, below the router: how many are open, how long one may take
 * to present a request's headers and then its body, and how long a kept-alive one may wait between
 * requests. Vert.x's own idle timeout closes silent connections; the timers here also close those
 * that trickle bytes slowly enough to never be idle.
 *
 * <ul>
 *   <li>A new connection must present its first request's headers within the request read timeout;
 *       a kept-alive one its next request's within the idle timeout of its last response. Otherwise
 *       it is closed (no request exists to answer).
 *   <li>A request's body must arrive within the request read timeout: 408 and close.
 *   <li>Beyond {@link HttpLimits#maxConnections()} a connection's first request is answered 503
 *       with {@code Connection: close} (probes of {@code /health}, {@code /ready} and {@code
 *       /metrics} are still served, then the connection closes); beyond twice the cap it is closed
 *       at once, so that a flood cannot use more descriptors than that.
 * </ul>
 *
 * <p>Per-connection state lives on the connection's event loop; the count and the map are shared.
 * Metrics: gauge {@code cairn.http.connections}; counters {@code cairn.http.connections.refused}
 * and {@code cairn.http.requests.timed-out}.
 */
final class HttpConnections {

  private static final Logger LOG = LoggerFactory.getLogger(HttpConnections.class);
  private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

  private final Vertx vertx;
  private final HttpLimits limits;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<HttpConnection, Conn> conns = new ConcurrentHashMap<>();
  private final Counter refused;
  private final Counter timedOut;
  private final ThrottledLog refusals;
  private final ThrottledLog timeouts;

  /** One connection's timers and standing; used on its event loop only. */
  private static final class Conn {
    final boolean refused;
    long timer = -1;
    Runnable onClose;
    HttpServerRequest current; // the request being served, if any

    Conn(boolean refused) {
      this.refused = refused;
    }
  }

  HttpConnections(Vertx vertx, HttpLimits limits, MetricRegistry metrics, LongSupplier nanos) {
    this.vertx = vertx;
    this.limits = limits;
    this.refused = metrics.counter("cairn.http.connections.refused");
    this.timedOut = metrics.counter("cairn.http.requests.timed-out");
    metrics.gauge("cairn.http.connections", () -> (Gauge<Integer>) open::get);
    this.refusals = new ThrottledLog(LOG, true, LOG_EVERY_NANOS, nanos);
    this.timeouts = new ThrottledLog(LOG, false, LOG_EVERY_NANOS, nanos);
  }

  int open() {
    return open.get();
  }

  /** A new connection: counted, and given until the read timeout to present a request. */
  void accept(HttpConnection connection) {
    int n = open.incrementAndGet();
    boolean over = n > limits.maxConnections();
    Conn c = new Conn(over);
    conns.put(connection, c);
    connection.closeHandler(v -> {
      conns.remove(connection);
      open.decrementAndGet();
      cancel(c);
      if (c.onClose != null) {
        c.onClose.run();
      }
    });
    // resets, half-sent requests, undecodable bytes: the client's doing, not the operator's concern
    connection.exceptionHandler(e -> {
      LOG.debug("HTTP connection from {}: {}", connection.remoteAddress(), e.toString());
      HttpServerRequest request = c.current;
      if (!(e instanceof IOException) && request != null && !request.response().headWritten()) {
        badRequest(connection, e);
      }
    });
    if (over) {
      refused.inc();
      refusals.event("refusing HTTP connections beyond the cap of {} (http.max-connections); latest from {}",
          limits.maxConnections(), connection.remoteAddress());
      if (n > 2 * (long) limits.maxConnections()) {
        connection.close(); // too many even to answer
        return;
      }
    }
    c.timer = vertx.setTimer(limits.requestReadTimeout().toMillis(),
        t -> closeSlow(connection, "no request headers within " + limits.requestReadTimeout().toMillis() + " ms"));
  }

  /**
   * A request's headers have arrived. Returns whether the router should serve it; when not, it has
   * been answered here.
   */
  boolean onRequest(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    Conn c = connection == null ? null : conns.get(connection);
    if (c == null) {
      return true; // not a connection we counted (HTTP/2 streams share theirs)
    }
    cancel(c);
    c.current = request;
    if (c.refused) {
      request.response().putHeader("Connection", "close");
      request.response().bodyEndHandler(v -> connection.close()); // the router uses endHandler
      if (isProbe(request)) {
        return true;
      }
      Responses.error(request.response(), 503, "overloaded: more than " + limits.maxConnections()
          + " connections open (http.max-connections); retry later or on another node");
      return false;
    }
    if (!request.isEnded()) {
      long readMs = limits.requestReadTimeout().toMillis();
      long timer = vertx.setTimer(readMs, t -> {
        c.timer = -1;
        if (!request.isEnded()) {
          timedOut.inc();
          timeouts.event("closing HTTP connections whose request body did not arrive within {} ms"
              + " (http.request-read-timeout-ms); latest from {}", readMs, connection.remoteAddress());
          HttpServerResponse response = request.response();
          if (!response.ended() && !response.closed()) {
            response.putHeader("Connection", "close");
            response.bodyEndHandler(v -> connection.close());
            Responses.error(response, 408, "request body not received within " + readMs
                + " ms (http.request-read-timeout-ms)");
          } else {
            connection.close();
          }
        }
      });
      c.timer = timer;
      request.end().onComplete(ar -> {
        if (c.timer == timer) {
          cancel(c);
        }
      });
    }
    return true;
  }

  /** The response to a request has ended: the connection has the idle timeout to send its next one. */
  void responseEnded(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    Conn c = connection == null ? null : conns.get(connection);
    if (c == null) {
      return;
    }
    cancel(c);
    if (c.current == request) {
      c.current = null;
    }
    long idleMs = limits.idleTimeout().toMillis();
    if (idleMs > 0) {
      c.timer = vertx.setTimer(idleMs, t -> closeSlow(connection, "no next request headers within " + idleMs + " ms"));
    }
  }

  /** Runs {@code action} if the request's connection closes (once; the latest registration wins). */
  void onClose(HttpServerRequest request, Runnable action) {
    HttpConnection connection = request.connection();
    Conn c = connection == null ? null : conns.get(connection);
    if (c != null) {
      c.onClose = action;
    }
  }

  /**
   * Answers a request whose body could not be decoded (a bad chunk size...) with 400 and closes the
   * connection. Vert.x neither sends a response of its own then nor flushes one written through it
   * (the request never ends), so the answer goes straight to the channel.
   */
  private static void badRequest(HttpConnection connection, Throwable e) {
    if (!(connection instanceof ConnectionBase base)) {
      connection.close();
      return;
    }
    byte[] body;
    try {
      body = Responses.mapper().writeValueAsBytes(Map.of("error", "malformed request: " + e.getMessage()));
    } catch (JsonProcessingException x) {
      body = new byte[0];
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
        Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    base.channel().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  private void closeSlow(HttpConnection connection, String why) {
    Conn c = conns.get(connection);
    if (c != null) {
      c.timer = -1;
    }
    timedOut.inc();
    timeouts.event("closing HTTP connections that are too slow: {} (from {})", why, connection.remoteAddress());
    connection.close();
  }

  private void cancel(Conn c) {
    if (c.timer >= 0) {
      vertx.cancelTimer(c.timer);
      c.timer = -1;
    }
  }

  private static boolean isProbe(HttpServerRequest request) {
    String path = request.path();
    return (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)
        && ("/health".equals(path) || "/ready".equals(path) || "/metrics".equals(path));
  }
}
