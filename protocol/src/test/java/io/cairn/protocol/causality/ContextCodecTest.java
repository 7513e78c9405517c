package io.cairn.protocol.causality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The client-facing context encoding: round trips, and strict rejection of anything else. */
class ContextCodecTest {

  @Provide
  Arbitrary<VersionVector> vectors() {
    Arbitrary<Actor> actors =
        Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12),
                Arbitraries.longs().between(0, Long.MAX_VALUE))
            .as(Actor::of);
    Arbitrary<Long> counters =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1, 1000), Arbitraries.longs().between(1, Long.MAX_VALUE));
    return Arbitraries.maps(actors, counters).ofMaxSize(10).map(VersionVector::of);
  }

  @Property(tries = 1000)
  void roundTrips(@ForAll("vectors") VersionVector v) {
    String encoded = ContextCodec.encode(v);
    assertThat(encoded).matches("[A-Za-z0-9_-]+");
    assertThat(ContextCodec.decode(encoded)).isEqualTo(v);
  }

  @Property(tries = 1000)
  void anyCorruptedByteIsRejected(
      @ForAll("vectors") VersionVector v,
      @ForAll @IntRange(max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    byte[] bytes = Base64.getUrlDecoder().decode(ContextCodec.encode(v));
    bytes[position % bytes.length] ^= (byte) flip;
    String corrupted = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    assertThatThrownBy(() -> ContextCodec.decode(corrupted))
        .isInstanceOf(MalformedContextException.class);
  }

  @Property(tries = 1000)
  void everyTruncationIsRejected(
      @ForAll("vectors") VersionVector v, @ForAll @IntRange(max = 10_000) int cut) {
    String encoded = ContextCodec.encode(v);
    String truncated = encoded.substring(0, 1 + cut % (encoded.length() - 1));
    assertThatThrownBy(() -> ContextCodec.decode(truncated))
        .isInstanceOf(MalformedContextException.class);
  }

  @Property(tries = 1000)
  void arbitraryTextIsRejectedOrDecodesToAValidVector(@ForAll String text) {
    // Random text essentially never carries a valid checksum; either way nothing half-parsed.
    try {
      VersionVector v = ContextCodec.decode(text);
      assertThat(ContextCodec.encode(v)).isEqualTo(text.isEmpty() ? ContextCodec.encode(v) : text);
    } catch (MalformedContextException expected) {
      assertThat(expected).hasMessageStartingWith("malformed causal context: ");
    }
  }

  @Example
  void emptyOrMissingMeansNoContext() {
    assertThat(ContextCodec.decode(null)).isEqualTo(VersionVector.empty());
    assertThat(ContextCodec.decode("")).isEqualTo(VersionVector.empty());
    assertThat(ContextCodec.decode(ContextCodec.encode(VersionVector.empty())))
        .isEqualTo(VersionVector.empty());
  }

  @Example
  void aTypicalContextIsCompact() {
    Map<Actor, Long> three = new HashMap<>();
    three.put(Actor.of("n1", 1), 1042L);
    three.put(Actor.of("n2", 1), 17L);
    three.put(Actor.of("n3", 2), 9L);
    assertThat(ContextCodec.encode(VersionVector.of(three)).length()).isLessThanOrEqualTo(40);
  }

  // Hand-built encodings with a valid checksum, to reach each structural check.

  @Example
  void unknownFormatIsRejected() {
    assertRejected(withChecksum(bytes(2, 0)), "format 2 is unknown");
  }

  @Example
  void trailingBytesAreRejected() {
    assertRejected(withChecksum(bytes(1, 0, 7)), "trailing bytes");
  }

  @Example
  void unsortedOrDuplicateActorsAreRejected() {
    byte[] b = entry("b", 0, 1);
    byte[] a = entry("a", 0, 1);
    assertRejected(withChecksum(concat(bytes(1, 2), b, a)), "ascending order");
    assertRejected(withChecksum(concat(bytes(1, 2), a, a)), "ascending order");
  }

  @Example
  void zeroCountersAreRejected() {
    assertRejected(withChecksum(concat(bytes(1, 1), entry("a", 0, 0))), "counter 0");
  }

  @Example
  void overlongNumbersAreRejected() {
    // counter 1 spelled in two bytes (0x81 0x00) instead of one
    byte[] e = concat(bytes(1), "a".getBytes(StandardCharsets.US_ASCII), bytes(0, 0x81, 0x00));
    assertRejected(withChecksum(concat(bytes(1, 1), e)), "overlong");
  }

  @Example
  void invalidNodeIdsAreRejected() {
    assertRejected(withChecksum(concat(bytes(1, 1), entry("-x", 0, 1))), "entry 0");
  }

  @Example
  void countsBeyondTheDataAreRejected() {
    assertRejected(withChecksum(concat(bytes(1, 3), entry("a", 0, 1))), "middle of an entry");
  }

  @Example
  void paddingAndNonCanonicalBase64AreRejected() {
    String good = ContextCodec.encode(VersionVector.of(Map.of(Actor.of("n1", 0), 5L)));
    assertThatThrownBy(() -> ContextCodec.decode(good + "=="))
        .isInstanceOf(MalformedContextException.class);
    assertThatThrownBy(() -> ContextCodec.decode(good.replace('A', '+')))
        .isInstanceOf(MalformedContextException.class);
    assertThatThrownBy(() -> ContextCodec.decode("x".repeat(ContextCodec.MAX_ENCODED_LENGTH + 1)))
        .hasMessageContaining("at most");
  }

  private static void assertRejected(byte[] raw, String reason) {
    String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    assertThatThrownBy(() -> ContextCodec.decode(encoded))
        .isInstanceOf(MalformedContextException.class)
        .hasMessageContaining(reason);
  }

  private static byte[] entry(String node, int epoch, int counter) {
    byte[] id = node.getBytes(StandardCharsets.US_ASCII);
    return concat(bytes(id.length), id, bytes(epoch, counter));
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : List.of(parts)) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  private static byte[] withChecksum(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body, 0, body.length);
    long sum = crc.getValue();
    return concat(body, bytes((int) (sum >>> 24), (int) (sum >>> 16), (int) (sum >>> 8), (int) sum));
  }
}
