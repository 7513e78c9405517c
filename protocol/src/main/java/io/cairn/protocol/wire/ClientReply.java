package io.cairn.protocol.wire;

import io.cairn.protocol.object.Sibling;
import java.util.List;
import java.util.Objects;

/**
 * The client port's answer to a coordinated {@link ClientGet} or {@link ClientPut}: the outcome, the
 * opaque context token for the key (empty when the key has no history), the live values and a
 * detail. A get answers every live value; a put answers them only when there are concurrent ones to
 * show (more than one, HTTP's 300), otherwise none: the context is all a writer needs to write again.
 * {@code requestId} is the id the node minted for the request.
 */
public record ClientReply(
    RequestId requestId, QuorumOutcome outcome, String context, List<Sibling> siblings, String detail)
    implements WireMessage {

  public ClientReply {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(context, "context");
    siblings = List.copyOf(siblings);
    Objects.requireNonNull(detail, "detail");
  }
}
