package io.cairn.node.adapter.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What HTTP clients can make the node hold (settings {@code http.*}, docs/configuration.md).
 *
 * @param maxConnections open connections; beyond it a connection gets 503 and is closed
 * @param idleTimeout a connection with no traffic this long is closed; also how long a kept-alive
 *     connection may take to present its next request's headers. Zero: never
 * @param requestReadTimeout how long a new connection may take to present its first request's
 *     headers, and any request its body
 * @param maxBufferedBytes bytes all connections together may hold in request bodies still arriving
 */
public record HttpLimits(int maxConnections, Duration idleTimeout, Duration requestReadTimeout, long maxBufferedBytes) {

  public HttpLimits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(requestReadTimeout, "requestReadTimeout");
    if (maxConnections < 1 || maxBufferedBytes < 1) {
      throw new IllegalArgumentException("maxConnections and maxBufferedBytes must be >= 1");
    }
    if (idleTimeout.isNegative() || idleTimeout.toMillis() > Integer.MAX_VALUE || requestReadTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("idle timeout must be >= 0 and request read timeout >= 1 ms");
    }
  }

  /** The documented defaults. */
  public static HttpLimits defaults() {
    return new HttpLimits(1024, Duration.ofSeconds(60), Duration.ofSeconds(10), 64L << 20);
  }
}
