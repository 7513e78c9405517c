/**
 * Hinted handoff storage: writes a node keeps on behalf of a replica that was down when they
 * arrived (Dynamo's sloppy quorum), until they can be delivered.
 *
 * <p>A {@link io.cairn.storage.hint.HintStore} keeps at most one hint per (target, partition, key),
 * merging newer writes into it, and is bounded in bytes. {@link
 * io.cairn.storage.hint.ChronicleHintStore} persists hints in a Chronicle Map file; {@link
 * io.cairn.storage.hint.InMemoryHintStore} is its twin for the simulator. See
 * docs/hints-and-identity.md.
 */
package io.cairn.storage.hint;
