package io.cairn.protocol.wire;

/** How a replica answered a replica-level request. */
public enum ReplicaStatus {
  /** Done: the object was merged (put) or read (get). */
  OK,
  /** Refused with a reason (e.g. the object exceeds a size limit, storage full); not retried. */
  REJECTED,
  /** Too busy to take it now; the sender may count it as a missing reply. */
  OVERLOADED
}
