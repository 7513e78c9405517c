package io.cairn.node.config;

import java.util.Objects;

/**
 * The client HTTP API ({@code http.*}).
 *
 * @param host bind address
 * @param port bind port
 * @param maxConcurrentRequests requests in flight beyond which new ones are refused at once: a node
 *     that queues without bound answers everything late instead of most things on time
 */
public record HttpConfig(String host, int port, int maxConcurrentRequests) {
  public HttpConfig {
    Objects.requireNonNull(host, "host");
  }
}
