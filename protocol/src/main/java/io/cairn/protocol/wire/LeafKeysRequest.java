package io.cairn.protocol.wire;

import java.util.List;
import java.util.Objects;

/** Anti-entropy: "list the keys (with their item hashes) you hold in these leaves of a partition". */
public record LeafKeysRequest(int partition, int leafCount, List<Integer> leaves) implements WireMessage {

  public LeafKeysRequest {
    Objects.requireNonNull(leaves, "leaves");
    leaves = List.copyOf(leaves);
  }
}
