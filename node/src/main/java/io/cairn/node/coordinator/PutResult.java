package io.cairn.node.coordinator;

import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.wire.QuorumOutcome;

/** The answer to a coordinated put: outcome, the object as the coordinator holds it after, why. */
public record PutResult(QuorumOutcome outcome, StoredObject object, String detail) {}
