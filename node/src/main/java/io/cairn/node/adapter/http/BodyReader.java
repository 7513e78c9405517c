package io.cairn.node.adapter.http;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.cairn.node.adapter.vertx.InboundBudget;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request's body before the request is admitted, in place of Vert.x's {@code BodyHandler}:
 * a body over the value limit is refused with 413 as soon as that is known, and the bytes of
 * bodies still arriving come from one {@link InboundBudget} shared by every connection, so that
 * many slow or stalled uploads cannot exhaust the heap (503 when it is spent). A refused body's
 * remaining bytes are read and dropped, so that the client can read its answer. The bytes
 * go back to the budget once the body is complete: from then on the request is bounded by admission
 * ({@code http.max-concurrent-requests}). A request that breaks off (a reset, a bad chunk) is
 * the client's doing: logged at DEBUG.
 *
 * <p>Metrics: gauge {@code cairn.http.buffered-bytes}, counter {@code cairn.http.bodies.over-budget}.
 */
final class BodyReader implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);

  private final InboundBudget budget;
  private final int maxBodyBytes;
  private final HttpConnections connections;
  private final Counter overBudget;
  private final ThrottledLog overBudgetLog;

  BodyReader(InboundBudget budget, int maxBodyBytes, HttpConnections connections, MetricRegistry metrics,
      LongSupplier nanos) {
    this.budget = budget;
    this.maxBodyBytes = maxBodyBytes;
    this.connections = connections;
    this.overBudget = metrics.counter("cairn.http.bodies.over-budget");
    metrics.gauge("cairn.http.buffered-bytes", () -> (Gauge<Long>) budget::held);
    this.overBudgetLog = new ThrottledLog(LOG, true, Duration.ofSeconds(10).toNanos(), nanos);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    ((RoutingContextInternal) ctx).visitHandler(RoutingContextInternal.BODY_HANDLER); // ctx.body() is ours
    long declared = contentLength(request);
    boolean chunked = request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    if (request.isEnded() || (request.version() != HttpVersion.HTTP_2 && !chunked && declared < 0)) {
      ctx.next(); // no body
      return;
    }
    if (declared > maxBodyBytes) {
      request.handler(chunk -> { }).resume(); // read and dropped, so that the client can read its answer
      Responses.error(request.response(), 413, tooLarge());
      return;
    }
    Buffer body = Buffer.buffer();
    Reading reading = new Reading();
    connections.onClose(request, reading::finish);
    request.handler(chunk -> {
      if (reading.done) {
        return;
      }
      if (body.length() + chunk.length() > maxBodyBytes) {
        reading.finish();
        Responses.error(request.response(), 413, tooLarge());
      } else if (!budget.tryReserve(chunk.length())) {
        reading.finish();
        overBudget.inc();
        overBudgetLog.event("refusing HTTP request bodies: those still arriving hold {} of the budget of {} bytes"
            + " (http.max-buffered-bytes); latest from {}", budget.held(), budget.limit(), request.remoteAddress());
        Responses.error(request.response(), 503, "overloaded: request bodies being received hold " + budget.held() + " of "
            + budget.limit() + " bytes (http.max-buffered-bytes); retry later");
      } else {
        reading.held += chunk.length();
        body.appendBuffer(chunk);
      }
    });
    request.exceptionHandler(e -> {
      if (reading.done) {
        return;
      }
      reading.finish(); // a reset, or a body that cannot be decoded: answered by HttpConnections if it can be
      LOG.debug("HTTP request from {} broke off: {}", request.remoteAddress(), e.toString());
    });
    request.endHandler(v -> {
      if (reading.done) {
        return;
      }
      reading.finish();
      ((RoutingContextInternal) ctx).setBody(body);
      ctx.next();
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

  private String tooLarge() {
    return "request body exceeds the limit of " + maxBodyBytes + " bytes (limits.max-value-bytes)";
  }

  private static long contentLength(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1; // the decoder has refused such a request already
    }
  }
}
