package io.cairn.node.config;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.wire.WireCodec;

/**
 * What a client may send ({@code limits.*}). These bound one client value; the stored object,
 * which holds every sibling, is bounded separately by {@link StorageSettings#maxObjectBytes()}.
 */
public record LimitsConfig(int maxKeyBytes, int maxValueBytes) {

  /**
   * Room for a request's causal context (a token of up to 64 KiB on the wire), id, options and
   * content type beside its key and value.
   */
  public static final int REQUEST_OVERHEAD_BYTES = 128 * 1024;

  /**
   * The largest frame a binary client needs to send: a put of the largest value under the longest
   * key, with {@link #REQUEST_OVERHEAD_BYTES} for the rest.
   */
  public int clientFrameBytes() {
    long bytes = (long) maxValueBytes + maxKeyBytes + BucketKey.MAX_BUCKET_BYTES + REQUEST_OVERHEAD_BYTES;
    return (int) Math.min(bytes, WireCodec.MAX_FRAME_BYTES);
  }
}
