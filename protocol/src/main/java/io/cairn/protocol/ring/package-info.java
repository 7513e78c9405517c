/**
 * Placement: which nodes hold which keys.
 *
 * <p>A key hashes ({@link io.cairn.protocol.ring.Partitioner}) to one of Q equal partitions of the
 * 128-bit MD5 ring. A {@link io.cairn.protocol.ring.Claim} assigns partitions to members in
 * proportion to their weights, moving as few as possible when membership changes; the result is
 * a {@link io.cairn.protocol.ring.Ring}. A partition's {@link io.cairn.protocol.ring.PreferenceList}
 * names the n nodes that replicate it and the fallbacks that stand in for them.
 *
 * <p>Everything here is pure and deterministic: every node that computes a ring or a preference
 * list from the same inputs gets the same answer. See docs/ring.md.
 */
package io.cairn.protocol.ring;
