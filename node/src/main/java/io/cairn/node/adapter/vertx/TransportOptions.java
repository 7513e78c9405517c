package io.cairn.node.adapter.vertx;

import io.cairn.protocol.wire.WireCodec;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timings of a {@link VertxTransport}. Use {@link #defaults()} and the {@code with...}
 * methods; every value is checked here so that the transport never sees a nonsensical setting.
 *
 * @param connectTimeout how long a TCP connect may take before the attempt fails (default 1 s)
 * @param reconnectBackoffMin wait after the first failed connect attempt before the next one is
 *     allowed (default 100 ms); it doubles with each further failure
 * @param reconnectBackoffMax upper bound of that wait (default 5 s)
 * @param maxPendingRequests requests in flight or waiting for a connection, per peer; one more
 *     fails fast with {@code PeerUnavailableException}. Also bounds the requests one inbound
 *     connection may have in its handler at once (default 4096)
 * @param maxFrameBytes largest frame accepted (bytes after the length prefix); a longer length
 *     prefix closes the connection (default {@link WireCodec#MAX_FRAME_BYTES}, which is also the
 *     upper limit)
 * @param idleTimeout a connection with no traffic in either direction for this long is closed;
 *     {@link Duration#ZERO} disables it (default: disabled; heartbeats keep live links busy, and an
 *     idle outbound link simply reconnects on the next request)
 * @param maxConnections connections other nodes may hold open to this one; one more is closed at
 *     once (default 256; a node derives it from the member count)
 * @param frameTimeout a frame begun on an accepted connection and not complete within this closes
 *     the connection (default 30 s)
 * @param maxBufferedBytes bytes all accepted connections together may hold in unfinished frames; a
 *     frame that does not fit closes its connection (default 256 MiB: four of the largest frames)
 */
public record TransportOptions(
    Duration connectTimeout,
    Duration reconnectBackoffMin,
    Duration reconnectBackoffMax,
    int maxPendingRequests,
    int maxFrameBytes,
    Duration idleTimeout,
    int maxConnections,
    Duration frameTimeout,
    long maxBufferedBytes) {

  /** Smallest possible frame: an 8-byte correlation id and at least one byte of message. */
  public static final int MIN_FRAME_BYTES = 9;

  public TransportOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(reconnectBackoffMin, "reconnectBackoffMin");
    Objects.requireNonNull(reconnectBackoffMax, "reconnectBackoffMax");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(frameTimeout, "frameTimeout");
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be >= 1");
    }
    if (frameTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("frame timeout must be >= 1 ms");
    }
    if (maxBufferedBytes < maxFrameBytes) {
      throw new IllegalArgumentException("maxBufferedBytes must hold at least one largest frame");
    }
    if (connectTimeout.toMillis() < 1 || connectTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("connect timeout must be between 1 ms and ~24 days");
    }
    if (reconnectBackoffMin.isNegative() || reconnectBackoffMax.compareTo(reconnectBackoffMin) < 0) {
      throw new IllegalArgumentException("need 0 <= reconnectBackoffMin <= reconnectBackoffMax");
    }
    if (maxPendingRequests < 1) {
      throw new IllegalArgumentException("maxPendingRequests must be >= 1");
    }
    if (maxFrameBytes < MIN_FRAME_BYTES || maxFrameBytes > WireCodec.MAX_FRAME_BYTES) {
      throw new IllegalArgumentException(
          "maxFrameBytes must be between " + MIN_FRAME_BYTES + " and " + WireCodec.MAX_FRAME_BYTES);
    }
    if (idleTimeout.isNegative() || idleTimeout.getSeconds() > Integer.MAX_VALUE / 1000) {
      throw new IllegalArgumentException("idle timeout out of range");
    }
  }

  public static TransportOptions defaults() {
    return new TransportOptions(
        Duration.ofSeconds(1),
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        4096,
        WireCodec.MAX_FRAME_BYTES,
        Duration.ZERO,
        256,
        Duration.ofSeconds(30),
        4L * WireCodec.MAX_FRAME_BYTES);
  }

  public TransportOptions withConnectTimeout(Duration d) {
    return new TransportOptions(d, reconnectBackoffMin, reconnectBackoffMax, maxPendingRequests, maxFrameBytes,
        idleTimeout, maxConnections, frameTimeout, maxBufferedBytes);
  }

  public TransportOptions withReconnectBackoff(Duration min, Duration max) {
    return new TransportOptions(connectTimeout, min, max, maxPendingRequests, maxFrameBytes, idleTimeout,
        maxConnections, frameTimeout, maxBufferedBytes);
  }

  public TransportOptions withMaxPendingRequests(int n) {
    return new TransportOptions(connectTimeout, reconnectBackoffMin, reconnectBackoffMax, n, maxFrameBytes,
        idleTimeout, maxConnections, frameTimeout, maxBufferedBytes);
  }

  /** Also lowers the buffer budget to four such frames when it was larger. */
  public TransportOptions withMaxFrameBytes(int n) {
    return new TransportOptions(connectTimeout, reconnectBackoffMin, reconnectBackoffMax, maxPendingRequests, n,
        idleTimeout, maxConnections, frameTimeout, Math.max(n, Math.min(maxBufferedBytes, 4L * n)));
  }

  public TransportOptions withIdleTimeout(Duration d) {
    return new TransportOptions(connectTimeout, reconnectBackoffMin, reconnectBackoffMax, maxPendingRequests,
        maxFrameBytes, d, maxConnections, frameTimeout, maxBufferedBytes);
  }

  /** Bounds on what accepted connections may hold: how many, how long a frame may take, how many bytes. */
  public TransportOptions withInboundBounds(int connections, Duration frameTimeout, long bufferedBytes) {
    return new TransportOptions(connectTimeout, reconnectBackoffMin, reconnectBackoffMax, maxPendingRequests,
        maxFrameBytes, idleTimeout, connections, frameTimeout, bufferedBytes);
  }

  /** Wait before the next connect attempt after {@code failures} consecutive failed attempts. */
  long backoffMillis(int failures) {
    long min = reconnectBackoffMin.toMillis();
    long max = reconnectBackoffMax.toMillis();
    if (failures <= 0) {
      return 0;
    }
    int shift = Math.min(failures - 1, 30); // 2^30 * min exceeds any sane max; avoids overflow
    long d = min << shift;
    return (d < 0 || d > max) ? max : d;
  }
}
