package io.cairn.node.config;

import java.util.Objects;

/**
 * The binary client port ({@code binary.*}): the Java client's protocol, the internode framing
 * serving only client operations (docs/wire.md, "Client port").
 *
 * @param host bind address
 * @param port bind port
 * @param maxPendingRequests requests one client connection may have in progress; more are answered
 *     "overloaded" at once, so a client that pipelines without limit costs bounded memory
 * @param maxConnections open client connections; one more is sent an OVERLOADED error and closed
 * @param idleTimeoutMs a connection with no traffic for this long is closed
 * @param frameTimeoutMs a frame begun and not complete within this closes its connection
 * @param maxBufferedBytes bytes all client connections together may hold in unfinished frames
 */
public record BinaryConfig(String host, int port, int maxPendingRequests, int maxConnections, int idleTimeoutMs,
    int frameTimeoutMs, long maxBufferedBytes) {
  public BinaryConfig {
    Objects.requireNonNull(host, "host");
  }
}
