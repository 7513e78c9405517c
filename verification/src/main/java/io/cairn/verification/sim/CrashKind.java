package io.cairn.verification.sim;

/** What a node loses when it goes down. */
public enum CrashKind {
  /** kill -9: the process dies, storage keeps everything written (the page cache survives). */
  PROCESS,
  /** The machine loses power: storage keeps what its durability mode made durable. */
  POWER,
  /** The disk is gone: the node comes back empty, under a new replica epoch. */
  DISK,
  /**
   * The process stops and some stored values rot on the disk meanwhile (bytes flipped under their
   * checksums): the restarted node finds them corrupt, treats them as missing and is repaired.
   */
  BIT_ROT
}
