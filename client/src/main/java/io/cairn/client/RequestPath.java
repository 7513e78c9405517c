package io.cairn.client;

import io.cairn.protocol.wire.WireMessage;
import java.time.Duration;

/**
 * How the binary client gets a request to some node and its reply back: pipelined over a few shared
 * connections ({@link ConnectionPool}) or over a connection the caller has to itself ({@link
 * ExclusivePool}). See {@link CairnBinaryClient.ConnectionMode}.
 */
interface RequestPath {

  /**
   * Sends the request to a node and waits for its reply.
   *
   * @throws NotAppliedException    the request was not sent (no node reachable, connection closed)
   * @throws IndeterminateException it was sent, and no reply came in time or the connection broke
   * @throws io.cairn.protocol.wire.WireFormatException the request cannot be encoded
   */
  WireMessage call(WireMessage request, Duration timeout);

  /** Closes every connection; requests waiting on them fail. */
  void close();
}
