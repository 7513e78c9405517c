package io.cairn.node.config;

import java.util.Objects;

/**
 * Where the internode transport listens, and what the connections other nodes open to it may hold
 * ({@code internode.*}).
 *
 * @param maxConnections connections accepted from other nodes at once; by default derived from the
 *     member count, with room for reconnects
 * @param idleTimeoutMs a connection with no traffic for this long is closed; heartbeats keep live
 *     links busy; 0 never closes
 * @param frameTimeoutMs a frame begun and not complete within this closes its connection
 * @param maxBufferedBytes bytes all accepted connections together may hold in unfinished frames
 */
public record InternodeConfig(String host, int port, int maxConnections, int idleTimeoutMs, int frameTimeoutMs,
    long maxBufferedBytes) {
  public InternodeConfig {
    Objects.requireNonNull(host, "host");
  }
}
