package io.cairn.node.adapter.http;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.cairn.node.adapter.vertx.InboundBudget;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a request body as the raw bytes the client sent, up to a limit. A value is opaque: Vert.x's
 * {@code BodyHandler} would decode form content types (multipart and url-encoded) instead of keeping
 * the bytes, and fails a GET or DELETE that merely declares one. Beyond the limit the request is
 * answered 413 at once, without buffering the rest.
 *
 * <p>The body is read before the request is admitted, and the bytes of bodies still arriving come
 * from one {@link InboundBudget} shared by every connection, so that many slow or stalled uploads
 * cannot exhaust the heap: a body that does not fit is answered 503 and the rest of it dropped. The
 * bytes go back to the budget once the body is complete (from then on the request is bounded by
 * admission, {@code http.max-concurrent-requests}) or its connection closes. A request that breaks
 * off (a reset, a bad chunk) is the client's doing: logged at DEBUG.
 *
 * <p>Metrics: gauge {@code cairn.http.buffered-bytes}, counter {@code cairn.http.bodies.over-budget}.
 */
final class RawBody implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RawBody.class);
  private static final String KEY = "cairn.raw-body";
  private static final byte[] EMPTY = new byte[0];

  private final long limit;
  private final String limitSetting;
  private final InboundBudget budget;
  private final HttpConnections connections;
  private final Counter overBudget;
  private final ThrottledLog overBudgetLog;

  RawBody(long limit, String limitSetting, InboundBudget budget, HttpConnections connections, MetricRegistry metrics,
      LongSupplier nanos) {
    this.limit = limit;
    this.limitSetting = limitSetting;
    this.budget = budget;
    this.connections = connections;
    this.overBudget = metrics.counter("cairn.http.bodies.over-budget");
    metrics.gauge("cairn.http.buffered-bytes", () -> (Gauge<Long>) budget::held);
    this.overBudgetLog = new ThrottledLog(LOG, true, Duration.ofSeconds(10).toNanos(), nanos);
  }

  /** The body collected for this request; empty when it had none. */
  static byte[] of(RoutingContext ctx) {
    Buffer body = ctx.get(KEY);
    return body == null ? EMPTY : body.getBytes();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String declared = request.getHeader("Content-Length");
    if (declared != null && declaredAbove(declared)) {
      tooLarge(ctx);
      return;
    }
    Buffer body = Buffer.buffer();
    Reading reading = new Reading();
    connections.onClose(request, reading::finish);
    request.handler(chunk -> {
      if (reading.done) {
        return;
      }
      if (body.length() + (long) chunk.length() > limit) {
        reading.finish();
        tooLarge(ctx);
      } else if (!budget.tryReserve(chunk.length())) {
        reading.finish();
        overBudget.inc();
        overBudgetLog.event("refusing HTTP request bodies: those still arriving hold {} of the budget of {} bytes"
            + " (http.max-buffered-bytes); latest from {}", budget.held(), budget.limit(), request.remoteAddress());
        Responses.error(ctx.response(), 503, "overloaded: request bodies being received hold " + budget.held()
            + " of " + budget.limit() + " bytes (http.max-buffered-bytes); retry later");
      } else {
        reading.held += chunk.length();
        body.appendBuffer(chunk);
      }
    });
    request.exceptionHandler(e -> {
      if (!reading.done) {
        reading.finish(); // a reset, or a body that cannot be decoded: answered by HttpConnections if it can be
        LOG.debug("HTTP request from {} broke off: {}", request.remoteAddress(), e.toString());
      }
    });
    request.endHandler(v -> {
      if (!reading.done) {
        reading.finish();
        ctx.put(KEY, body);
        ctx.next();
      }
    });
    request.resume();
  }

  /** One body being read: the budget bytes it holds, given back once. */
  private final class Reading {
    long held;
    boolean done;

    void finish() {
      done = true;
      budget.release(held);
      held = 0;
    }
  }

  private boolean declaredAbove(String declared) {
    try {
      return Long.parseLong(declared.trim()) > limit;
    } catch (NumberFormatException e) {
      return false; // the HTTP codec rejects a malformed length itself
    }
  }

  private void tooLarge(RoutingContext ctx) {
    // the rest of the body is not read: close after answering instead of draining it
    ctx.response().putHeader("Connection", "close");
    Responses.error(ctx.response(), 413, "request body exceeds the limit of " + limit + " bytes (" + limitSetting + ")");
  }
}
