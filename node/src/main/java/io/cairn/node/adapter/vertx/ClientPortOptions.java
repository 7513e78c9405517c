package io.cairn.node.adapter.vertx;

import io.cairn.node.config.LimitsConfig;
import io.cairn.protocol.wire.WireCodec;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the binary client port: what one client, and all of them together, can make the node
 * hold.
 *
 * @param maxPendingRequests requests one connection may have in progress before more are answered
 *     "overloaded"
 * @param maxFrameBytes largest frame a client may send: a put of the largest value with its key and
 *     context
 * @param maxConnections open client connections; one more is sent {@code ClientError(OVERLOADED)}
 *     and closed
 * @param idleTimeout a connection with no traffic either way for this long is closed
 * @param frameTimeout a frame begun and not complete within this is the end of its connection
 * @param maxBufferedBytes bytes all client connections together may hold in unfinished frames
 */
public record ClientPortOptions(
    int maxPendingRequests,
    int maxFrameBytes,
    int maxConnections,
    Duration idleTimeout,
    Duration frameTimeout,
    long maxBufferedBytes) {

  public ClientPortOptions {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(frameTimeout, "frameTimeout");
    if (maxPendingRequests < 1 || maxConnections < 1) {
      throw new IllegalArgumentException("maxPendingRequests and maxConnections must be >= 1");
    }
    if (maxFrameBytes < TransportOptions.MIN_FRAME_BYTES || maxFrameBytes > WireCodec.MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be between " + TransportOptions.MIN_FRAME_BYTES
          + " and " + WireCodec.MAX_FRAME_BYTES);
    }
    if (idleTimeout.isNegative() || idleTimeout.toMillis() > Integer.MAX_VALUE || frameTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("idle timeout must be >= 0 and frame timeout >= 1 ms");
    }
    if (maxBufferedBytes < maxFrameBytes) {
      throw new IllegalArgumentException("maxBufferedBytes (" + maxBufferedBytes
          + ") must hold at least one largest frame (" + maxFrameBytes + ")");
    }
  }

  /**
   * The documented defaults ({@code binary.*} settings) for a node with the default
   * {@code limits.*}.
   */
  public static ClientPortOptions defaults(int maxPendingRequests) {
    int frame = new LimitsConfig(1024, 1 << 20).clientFrameBytes();
    return new ClientPortOptions(maxPendingRequests, frame, 1024, Duration.ofSeconds(60), Duration.ofSeconds(30),
        64L << 20);
  }
}
