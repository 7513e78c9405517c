package io.cairn.protocol.wire;

import java.util.List;
import java.util.Objects;

/**
 * Anti-entropy: "send me your tree's values at these heap indices" for one partition. The asker
 * sends its tree shape ({@code leafCount}) so that trees of different shapes are never compared.
 */
public record MerkleNodesRequest(int partition, int leafCount, List<Integer> indices) implements WireMessage {

  public MerkleNodesRequest {
    Objects.requireNonNull(indices, "indices");
    indices = List.copyOf(indices);
  }
}
