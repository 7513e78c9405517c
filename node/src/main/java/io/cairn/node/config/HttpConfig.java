package io.cairn.node.config;

import java.util.Objects;

/**
 * The client HTTP API ({@code http.*}).
 *
 * @param host bind address
 * @param port bind port
 * @param maxConcurrentRequests requests in flight beyond which new ones are refused at once: a node
 *     that queues without bound answers everything late instead of most things on time. A request
 *     counts once its body has arrived, so slow senders cannot hold the slots
 * @param maxConnections open connections; one more is answered 503 and closed
 * @param idleTimeoutMs a connection with no traffic for this long is closed
 * @param requestReadTimeoutMs a request's headers, and then its body, must arrive within this
 * @param maxBufferedBytes bytes all connections together may hold in request bodies still arriving
 */
public record HttpConfig(String host, int port, int maxConcurrentRequests, int maxConnections, int idleTimeoutMs,
    int requestReadTimeoutMs, long maxBufferedBytes) {
  public HttpConfig {
    Objects.requireNonNull(host, "host");
  }
}
