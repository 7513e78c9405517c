package io.cairn.protocol.wire;

import io.cairn.protocol.ring.NodeId;
import java.util.Objects;

/**
 * A liveness beat between nodes; the receiver feeds its arrival times to the failure detector.
 * {@code incarnation} grows each time the sender restarts, so beats of an old process are ignored.
 */
public record Heartbeat(NodeId from, long incarnation, long sentAtMillis) implements WireMessage {

  public Heartbeat {
    Objects.requireNonNull(from, "from");
  }
}
