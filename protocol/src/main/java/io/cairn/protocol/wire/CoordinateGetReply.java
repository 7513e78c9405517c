package io.cairn.protocol.wire;

import io.cairn.protocol.object.StoredObject;
import java.util.Objects;

/** The answer to a {@link CoordinateGet}: the merged object of the replies that formed the quorum. */
public record CoordinateGetReply(
    RequestId requestId, QuorumOutcome outcome, StoredObject object, String detail)
    implements WireMessage {

  public CoordinateGetReply {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(detail, "detail");
  }
}
