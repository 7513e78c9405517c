package io.cairn.protocol.wire;

import io.cairn.protocol.ring.NodeId;
import java.util.Objects;

/**
 * The first frame on an internode connection: who is calling, with which wire format version and
 * which process incarnation. A receiver that does not speak {@code wireVersion} closes the
 * connection instead of misreading frames.
 */
public record Hello(NodeId from, int wireVersion, long incarnation) implements WireMessage {

  public Hello {
    Objects.requireNonNull(from, "from");
    if (wireVersion < 1) {
      throw new IllegalArgumentException("wire version must be >= 1");
    }
  }
}
