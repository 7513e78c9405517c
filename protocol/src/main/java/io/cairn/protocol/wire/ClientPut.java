package io.cairn.protocol.wire;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.Sibling;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A client's write (or delete, when {@code value} is a tombstone), on the client port; answered by
 * a {@link ClientReply}. {@code context} is the opaque token of an earlier answer for this key, as
 * the node issued it, or empty for a blind write: the node checks it is authentic and was issued for
 * {@code key} before it means anything. {@code w}/{@code pw}/{@code timeoutMillis} of 0 mean defaults.
 */
public record ClientPut(BucketKey key, String context, Sibling value, int w, int pw, long timeoutMillis)
    implements WireMessage {

  /** Longest context the wire carries; the node refuses anything longer than a token it could issue. */
  public static final int MAX_CONTEXT_BYTES = 64 * 1024;

  public ClientPut {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(value, "value");
    if (context.getBytes(StandardCharsets.UTF_8).length > MAX_CONTEXT_BYTES) {
      throw new IllegalArgumentException("context is longer than " + MAX_CONTEXT_BYTES + " bytes");
    }
    if (w < 0 || pw < 0 || timeoutMillis < 0) {
      throw new IllegalArgumentException("w, pw and timeout must be >= 0 (0 = default)");
    }
  }
}
