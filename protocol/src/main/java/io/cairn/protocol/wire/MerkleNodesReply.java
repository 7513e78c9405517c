package io.cairn.protocol.wire;

import java.util.List;
import java.util.Objects;

/** The tree values at the asked indices, in the same order. */
public record MerkleNodesReply(List<Long> values) implements WireMessage {

  public MerkleNodesReply {
    Objects.requireNonNull(values, "values");
    values = List.copyOf(values);
  }
}
