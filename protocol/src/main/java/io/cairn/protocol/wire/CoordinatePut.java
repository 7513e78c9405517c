package io.cairn.protocol.wire;

import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.Sibling;
import java.util.Objects;

/**
 * A client write (or delete, when {@code value} is a tombstone) to be coordinated: sent by a client,
 * or forwarded by a node that is not a primary of the key to one that is. {@code w}/{@code pw} of 0
 * mean "the bucket's default"; {@code timeoutMillis} of 0 means the node's default.
 */
public record CoordinatePut(
    RequestId requestId,
    BucketKey key,
    VersionVector context,
    Sibling value,
    int w,
    int pw,
    long timeoutMillis)
    implements WireMessage {

  public CoordinatePut {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(value, "value");
    if (w < 0 || pw < 0 || timeoutMillis < 0) {
      throw new IllegalArgumentException("w, pw and timeout must be >= 0 (0 = default)");
    }
  }
}
