package io.cairn.storage.hint;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;

/**
 * How the Chronicle map under a hint store is laid out, derived from a {@link HintStoreConfig} so
 * that every hint the byte bound admits fits, and the file stays within a small multiple of the
 * bound whatever the mix of hint sizes.
 *
 * <p>Chronicle splits a map into segments; each segment starts with one tier of fixed size and
 * gains extra tiers of the same size as it fills, at most {@code segments * maxBloatFactor} extra
 * tiers in all. A tier has a fixed number of hash slots and a fixed space of chunks; an entry takes
 * one slot and as many chunks as its bytes need. The base tiers are allocated on disk when the file
 * is created, extra ones only when needed. So:
 *
 * <ul>
 *   <li>The base tiers hold {@code expectedHints} hints of the average size: that much disk is
 *       taken up front.
 *   <li>Slots and chunk space are balanced for the smallest hint the bound admits (an address plus
 *       {@value Hint#OVERHEAD_BYTES} bytes): many tiny hints then fill tiers no faster than few big
 *       ones, so either way the file grows roughly in step with {@link HintStore#pendingBytes()}.
 *       Sizing for the average hint instead would let a flood of tiny hints take ten times the bound
 *       in mostly empty chunk space.
 *   <li>One entry must fit in one tier, so a tier is made at least {@value #TIER_HEADROOM} times the
 *       largest hint the bound admits (fewer segments, bigger tiers).
 *   <li>The tiers together must hold as many hints as the bound admits, at most {@code maxBytes /}
 *       {@value Hint#OVERHEAD_BYTES}, with {@value #GROWTH_HEADROOM}x headroom for fragmentation and
 *       uneven spread over segments.
 * </ul>
 *
 * @param entries Chronicle's {@code entries}: what the base tiers are sized for
 */
record HintMapGeometry(
    long entries, int averageKeyBytes, int averageValueBytes, int segments, double maxBloatFactor) {

  /** A typical encoded address: short node id, partition, bucket and key of a few dozen bytes. */
  static final int AVERAGE_ADDRESS_BYTES = 48;
  static final int MAX_ADDRESS_BYTES =
      1 + NodeId.MAX_LENGTH + Integer.BYTES + 1 + BucketKey.MAX_BUCKET_BYTES + BucketKey.MAX_KEY_BYTES;
  static final int RECORD_HEADER_BYTES = Long.BYTES;
  /** The value size the map is tuned for: what the smallest hint pays for, beyond its address. */
  static final int SLOT_VALUE_BYTES = Hint.OVERHEAD_BYTES;
  static final int TIER_HEADROOM = 2;
  static final int GROWTH_HEADROOM = 2;
  /** Chronicle refuses larger bloat factors. */
  static final int MAX_BLOAT_FACTOR = 1000;
  /** More segments only add tiers to walk; the store serialises access anyway. */
  static final int MAX_SEGMENTS = 64;

  static HintMapGeometry forConfig(HintStoreConfig config) {
    long slotEntry = AVERAGE_ADDRESS_BYTES + SLOT_VALUE_BYTES;
    long expectedBytes = config.expectedHints()
        * (AVERAGE_ADDRESS_BYTES + RECORD_HEADER_BYTES + config.averageObjectBytes());
    long largestEntry = Math.min(
        config.maxBytes(), (long) MAX_ADDRESS_BYTES + RECORD_HEADER_BYTES + config.maxObjectBytes());
    long maxHints = ceilDiv(config.maxBytes(), Hint.OVERHEAD_BYTES);

    long entries = ceilDiv(expectedBytes, slotEntry);
    entries = Math.max(entries, ceilDiv(TIER_HEADROOM * largestEntry, slotEntry));
    entries = Math.max(entries, ceilDiv(GROWTH_HEADROOM * maxHints, MAX_BLOAT_FACTOR));

    long tiersByEntrySize = entries * slotEntry / (TIER_HEADROOM * largestEntry);
    int segments = (int) Math.max(1, Long.highestOneBit(Math.min(tiersByEntrySize, MAX_SEGMENTS)));

    long growth = ceilDiv(GROWTH_HEADROOM * maxHints, entries);
    double bloat = Math.max(1, Math.min(MAX_BLOAT_FACTOR, growth));
    return new HintMapGeometry(entries, AVERAGE_ADDRESS_BYTES, SLOT_VALUE_BYTES, segments, bloat);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
