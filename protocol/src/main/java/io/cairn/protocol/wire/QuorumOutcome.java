package io.cairn.protocol.wire;

/** The outcome of a coordinated request, as a client must interpret it. */
public enum QuorumOutcome {
  /** The quorum answered: the write is durable on at least {@code w} replicas, or the read is served. */
  OK,
  /** Definitely not applied anywhere (e.g. rejected before any replica took it). Safe to retry. */
  FAILED,
  /**
   * Timed out after reaching fewer replicas than asked: the write may have applied and may still
   * propagate. Never reported as a plain failure: a retry would apply it twice.
   */
  INDETERMINATE,
  /** For reads: no replica holds the key (or only tombstones). */
  NOT_FOUND
}
