package io.cairn.node.coordinator;

import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.wire.QuorumOutcome;

/**
 * The answer to a coordinated put: outcome, the object as the coordinator holds it after, why.
 *
 * <p>A writer is shown the values only when there are concurrent ones (more than one live sibling:
 * HTTP's 300); otherwise it needs just the new context. {@link #of} keeps only what the writer is
 * shown: the answer travels back over the wire and stays in the coordinator's duplicate-put memory
 * for a while, and carrying the value the writer itself sent doubled the bytes of every put reply
 * and kept a copy of every recent value alive across young collections (docs/performance.md).
 */
public record PutResult(QuorumOutcome outcome, StoredObject object, String detail) {

  /** The answer for a write that produced {@code written}, without values the writer is not shown. */
  public static PutResult of(QuorumOutcome outcome, StoredObject written, String detail) {
    return new PutResult(outcome, written.liveSiblingCount() > 1 ? written : written.contextOnly(), detail);
  }
}
