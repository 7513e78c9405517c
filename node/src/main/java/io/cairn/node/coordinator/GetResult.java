package io.cairn.node.coordinator;

import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.wire.QuorumOutcome;

/** The answer to a coordinated get: OK / NOT_FOUND with the merged object, or FAILED (unavailable). */
public record GetResult(QuorumOutcome outcome, StoredObject object, String detail) {}
