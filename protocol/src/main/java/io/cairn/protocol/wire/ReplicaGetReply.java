package io.cairn.protocol.wire;

import io.cairn.protocol.object.StoredObject;
import java.util.Objects;

/**
 * A replica's copy of a key: {@link StoredObject#empty()} when it has never seen a write of it.
 * {@code detail} explains a non-OK status.
 */
public record ReplicaGetReply(ReplicaStatus status, StoredObject object, String detail)
    implements WireMessage {

  public ReplicaGetReply {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(detail, "detail");
  }

  public static ReplicaGetReply ok(StoredObject object) {
    return new ReplicaGetReply(ReplicaStatus.OK, object, "");
  }
}
