package io.cairn.verification.sim;

import io.cairn.storage.Durability;
import java.util.List;

/**
 * The shape of one simulated run, drawn from its seed: cluster size, ring, durability mode, the
 * node's timers (so hinted handoff and anti-entropy run at different paces relative to faults),
 * how long clients run and how many there are.
 */
public record SimSettings(
    int nodes,
    int partitions,
    int leafCount,
    Durability durability,
    long requestTimeoutMs,
    long lingerMs,
    long heartbeatMs,
    long hintIntervalMs,
    long antiEntropyIntervalMs,
    long reapIntervalMs,
    long tombstoneGraceMs,
    long runMs,
    int clients,
    long meanThinkMs,
    long meanFaultGapMs) {

  /** The client's own timeout: longer than a forwarded put can take inside the cluster. */
  public long clientTimeoutMs() {
    return 3 * requestTimeoutMs + 100;
  }

  static SimSettings draw(SimRandom r) {
    int nodes = r.chance(0.3) ? 3 : 5;
    return new SimSettings(
        nodes,
        r.pick(List.of(8, 16, 32)),
        r.pick(List.of(16, 64)),
        r.chance(0.5) ? Durability.MMAP : Durability.FSYNC,
        r.between(300, 1500),
        r.between(0, 500),
        r.between(100, 500),
        r.between(200, 5000),
        r.between(100, 2000),
        r.between(500, 10_000),
        r.between(0, 5_000),
        r.between(5_000, 40_000),
        (int) r.between(2, 6),
        r.between(10, 300),
        r.between(500, 8_000));
  }
}
