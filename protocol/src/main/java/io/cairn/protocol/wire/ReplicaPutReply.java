package io.cairn.protocol.wire;

import java.util.Objects;

/** A replica's answer to {@link ReplicaPut}; {@code detail} explains a refusal (empty when OK). */
public record ReplicaPutReply(ReplicaStatus status, String detail) implements WireMessage {

  public ReplicaPutReply {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  public static ReplicaPutReply ok() {
    return new ReplicaPutReply(ReplicaStatus.OK, "");
  }
}
