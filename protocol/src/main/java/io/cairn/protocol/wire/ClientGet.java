package io.cairn.protocol.wire;

import io.cairn.protocol.object.BucketKey;
import java.util.Objects;

/**
 * A client's read, on the client port; answered by a {@link ClientReply}. {@code r}/{@code pr}/
 * {@code timeoutMillis} of 0 mean defaults.
 */
public record ClientGet(BucketKey key, int r, int pr, long timeoutMillis) implements WireMessage {

  public ClientGet {
    Objects.requireNonNull(key, "key");
    if (r < 0 || pr < 0 || timeoutMillis < 0) {
      throw new IllegalArgumentException("r, pr and timeout must be >= 0 (0 = default)");
    }
  }
}
