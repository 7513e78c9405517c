package io.cairn.protocol.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PartitionerTest {

  @Provide
  Arbitrary<Integer> allPartitionCounts() {
    return Arbitraries.integers().between(0, 16).map(bits -> 1 << bits);
  }

  @Provide
  Arbitrary<Integer> partitionCounts() {
    return RingGenerators.partitionCounts();
  }

  @Property(tries = 1000)
  void partitionIsInRange(
      @ForAll("partitionCounts") int q, @ForAll String bucket, @ForAll String key) {
    int p = new Partitioner(q).partitionOf(bucket, key);
    assertTrue(p >= 0 && p < q, "partition " + p + " for Q=" + q);
  }

  /** Partition = floor(digest * Q / 2^128): Q equal ranges of the 128-bit space, in order. */
  @Property(tries = 1000)
  void partitionsAreEqualRangesOfTheDigestSpace(
      @ForAll("allPartitionCounts") int q, @ForAll @Size(16) byte[] digest) {
    BigInteger position = new BigInteger(1, digest);
    int expected = position.multiply(BigInteger.valueOf(q)).shiftRight(128).intValueExact();
    assertEquals(expected, new Partitioner(q).partitionOfDigest(digest));
  }

  /** A digest whose top log2(Q) bits read b falls in partition b, whatever its other bits. */
  @Property(tries = 1000)
  void topBitsOfTheDigestNameThePartition(
      @ForAll("allPartitionCounts") int q,
      @ForAll @IntRange(min = 0, max = 65535) int raw,
      @ForAll @Size(16) byte[] rest) {
    int bits = Integer.numberOfTrailingZeros(q);
    int b = raw & (q - 1);
    byte[] digest = rest.clone();
    // Overwrite the top `bits` bits with b, keep the random low bits.
    int top16 = ((digest[0] & 0xff) << 8) | (digest[1] & 0xff);
    int mask = bits == 0 ? 0 : (0xffff << (16 - bits)) & 0xffff;
    top16 = (top16 & ~mask) | (bits == 0 ? 0 : (b << (16 - bits)));
    digest[0] = (byte) (top16 >>> 8);
    digest[1] = (byte) top16;
    assertEquals(b, new Partitioner(q).partitionOfDigest(digest));
  }

  /**
   * Golden values. The hash is part of the on-disk contract: if this test fails, stored data would
   * be looked up in the wrong partition. Never "fix" it by changing the expected values.
   */
  @Test
  void goldenValuesNeverChange() {
    HexFormat hex = HexFormat.of();
    assertEquals("935d0e17d223f807e53befa73cb7eb31", hex.formatHex(Partitioner.digest("b", "k")));
    // MD5 of 00 00 00 00: empty bucket, empty key.
    assertEquals("f1d3ff8443297732862df21dc4e57262", hex.formatHex(Partitioner.digest("", "")));
    assertEquals(147, new Partitioner(256).partitionOf("b", "k"));
    assertEquals(37725, new Partitioner(65536).partitionOf("b", "k"));
    assertEquals(759, new Partitioner(1024).partitionOf("users", "alice"));
    assertEquals(0, new Partitioner(1).partitionOf("b", "k"));
  }

  @Test
  void lengthPrefixSeparatesBucketFromKey() {
    assertFalse(Arrays.equals(Partitioner.digest("ab", "c"), Partitioner.digest("a", "bc")));
    assertArrayEquals(Partitioner.digest("b", "k"), Partitioner.digest("b", "k"));
  }

  /** Chi-square over 100,000 keys in 256 partitions; 255 degrees of freedom, mean 255, sd ~23. */
  @Test
  void keysSpreadUniformly() {
    int q = 256;
    int keys = 100_000;
    Partitioner partitioner = new Partitioner(q);
    long[] counts = new long[q];
    for (int i = 0; i < keys; i++) {
      counts[partitioner.partitionOf("bucket-" + (i % 7), "key-" + i)]++;
    }
    double expected = (double) keys / q;
    double chiSquare = 0;
    for (long c : counts) {
      chiSquare += (c - expected) * (c - expected) / expected;
    }
    assertTrue(chiSquare < 400, "chi-square " + chiSquare);
  }

  @Test
  void rejectsBadPartitionCountsAndDigests() {
    for (int q : new int[] {0, -1, 3, 12, 1 << 17, Integer.MIN_VALUE}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new Partitioner(q));
      assertTrue(e.getMessage().contains("power of two between 1 and 65536"), e.getMessage());
    }
    Partitioner p = new Partitioner(8);
    assertThrows(IllegalArgumentException.class, () -> p.partitionOfDigest(new byte[15]));
    assertThrows(IllegalArgumentException.class, () -> p.partitionOfDigest(null));
    assertThrows(IllegalArgumentException.class, () -> Partitioner.digest(null, "k"));
  }
}
