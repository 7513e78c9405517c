package io.cairn.node.antientropy;

/**
 * What one exchange of a partition with one peer did.
 *
 * @param nodesCompared tree nodes fetched from the peer (the comparison's cost)
 * @param differingLeaves leaves whose values differed
 * @param keysRepaired keys where either side received the merged object
 * @param bytesSent object bytes sent to the peer
 */
public record ExchangeResult(int nodesCompared, int differingLeaves, int keysRepaired, long bytesSent) {

  public boolean inSync() {
    return differingLeaves == 0;
  }
}
