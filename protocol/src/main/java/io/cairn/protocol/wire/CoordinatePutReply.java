package io.cairn.protocol.wire;

import io.cairn.protocol.object.StoredObject;
import java.util.Objects;

/**
 * The answer to a {@link CoordinatePut}: the outcome and the object as the coordinator's replica
 * holds it after the write, so that the client sees every sibling its new context covers.
 */
public record CoordinatePutReply(
    RequestId requestId, QuorumOutcome outcome, StoredObject object, String detail)
    implements WireMessage {

  public CoordinatePutReply {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(detail, "detail");
  }
}
