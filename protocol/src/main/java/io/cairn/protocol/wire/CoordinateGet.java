package io.cairn.protocol.wire;

import io.cairn.protocol.object.BucketKey;
import java.util.Objects;

/** A client read to be coordinated; {@code r}/{@code pr}/{@code timeoutMillis} of 0 mean defaults. */
public record CoordinateGet(RequestId requestId, BucketKey key, int r, int pr, long timeoutMillis)
    implements WireMessage {

  public CoordinateGet {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(key, "key");
    if (r < 0 || pr < 0 || timeoutMillis < 0) {
      throw new IllegalArgumentException("r, pr and timeout must be >= 0 (0 = default)");
    }
  }
}
