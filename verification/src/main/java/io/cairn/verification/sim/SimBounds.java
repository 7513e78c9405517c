package io.cairn.verification.sim;

/**
 * Limits on one simulated run. A run that exceeds one ends at once as INVALID, naming the bound, so
 * that a runaway bug (a merge that keeps every sibling, a message storm) is reported as a seed to
 * replay instead of exhausting the machine. The defaults are far above any correct run: a run of
 * today's schedules takes well under a million events, an hour of simulated time at most and a
 * fraction of a second of wall time, and stores a few megabytes.
 *
 * @param maxEvents         scheduler events per run
 * @param maxSimulatedMs    simulated time per run
 * @param maxWallMs         wall-clock time per run
 * @param maxStoredBytes    bytes stored over every node's storage at once
 * @param maxSiblingsPerKey siblings of one key in any node's stored copy
 */
public record SimBounds(long maxEvents, long maxSimulatedMs, long maxWallMs, long maxStoredBytes, int maxSiblingsPerKey) {

  public static final SimBounds DEFAULT = new SimBounds(20_000_000L, 4 * 3_600_000L, 60_000L, 64L << 20, 256);

  /** How often (in events) the costlier bounds (stored bytes, siblings) are measured. */
  static final int MEASURE_EVERY_EVENTS = 1 << 14;
}
