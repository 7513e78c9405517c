package io.cairn.verification.sim;

import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.storage.ChecksummedValue;
import io.cairn.storage.KeyCodec;
import java.util.List;

/**
 * Holds a run to its {@link SimBounds}: the scheduler calls {@link #check} every few thousand events
 * and it throws {@link SimBoundExceeded} when the run has gone too far.
 */
final class SimGuard {

  private final SimBounds bounds;
  private final SimScheduler sim;
  private final List<SimNode> nodes;
  private final WireCodec codec;
  private final long startedNanos = System.nanoTime();

  SimGuard(SimBounds bounds, SimScheduler sim, List<SimNode> nodes, WireCodec codec) {
    this.bounds = bounds;
    this.sim = sim;
    this.nodes = nodes;
    this.codec = codec;
  }

  void check() {
    if (sim.executed() > bounds.maxEvents()) {
      throw new SimBoundExceeded(sim.executed() + " events, more than the bound of " + bounds.maxEvents());
    }
    if (sim.now() > bounds.maxSimulatedMs()) {
      throw new SimBoundExceeded(sim.now() + " simulated ms, more than the bound of " + bounds.maxSimulatedMs());
    }
    long wallMs = (System.nanoTime() - startedNanos) / 1_000_000;
    if (wallMs > bounds.maxWallMs()) {
      throw new SimBoundExceeded(wallMs + " ms of wall time, more than the bound of " + bounds.maxWallMs()
          + " (at " + sim.now() + " simulated ms, " + sim.executed() + " events)");
    }
    measureStorage();
  }

  private void measureStorage() {
    long[] bytes = new long[1];
    for (SimNode node : nodes) {
      node.engine().forEachStored((key, stored) -> {
        bytes[0] += stored.length;
        byte[] value = ChecksummedValue.unframe(KeyCodec.encode(key), stored);
        if (value == null) {
          return; // rotten: the node finds it itself, and it counts as no copy
        }
        int siblings = codec.decode(value, StoredObject.class).siblingCount();
        if (siblings > bounds.maxSiblingsPerKey()) {
          throw new SimBoundExceeded(node.id() + " stores " + siblings + " siblings of " + key
              + ", more than the bound of " + bounds.maxSiblingsPerKey() + " (at " + sim.now() + " simulated ms)");
        }
      });
    }
    if (bytes[0] > bounds.maxStoredBytes()) {
      throw new SimBoundExceeded("the nodes store " + bytes[0] + " bytes, more than the bound of "
          + bounds.maxStoredBytes() + " (at " + sim.now() + " simulated ms)");
    }
  }
}
