package io.cairn.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Round trips for every registered type, frames, and rejection of damaged bytes. */
class WireCodecTest {

  private final WireCodec codec = new WireCodec();

  @Provide
  Arbitrary<Object> anyRegistered() {
    return WireGenerators.anyRegistered();
  }

  @Provide
  Arbitrary<WireMessage> messages() {
    return WireGenerators.messages();
  }

  @Example
  void everyRegisteredTypeHasAGenerator() {
    assertThat(WireGenerators.byType().keySet())
        .containsExactlyInAnyOrderElementsOf(WireCodec.registeredTypes().values());
  }

  @Property(tries = 5000)
  void everyRegisteredTypeRoundTrips(@ForAll("anyRegistered") Object value) {
    byte[] bytes = codec.encode(value);
    assertThat(codec.decode(bytes)).isEqualTo(value);
    assertThat(codec.encode(codec.decode(bytes))).isEqualTo(bytes);
  }

  @Property(tries = 1000)
  void framesRoundTrip(@ForAll("messages") WireMessage message, @ForAll long correlationId) {
    byte[] frame = codec.encodeFrame(new Envelope(correlationId, message));
    int length =
        ((frame[0] & 0xFF) << 24) | ((frame[1] & 0xFF) << 16) | ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
    assertThat(length).isEqualTo(frame.length - 4);
    assertThat(codec.decodeFrame(frame, 4, length)).isEqualTo(new Envelope(correlationId, message));
  }

  @Property(tries = 1000)
  void everyTruncationIsRejected(
      @ForAll("anyRegistered") Object value, @ForAll @IntRange(max = 100_000) int cut) {
    byte[] bytes = codec.encode(value);
    byte[] truncated = Arrays.copyOf(bytes, cut % bytes.length);
    assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(WireFormatException.class);
  }

  @Property(tries = 1000)
  void trailingBytesAreRejected(@ForAll("anyRegistered") Object value, @ForAll byte extra) {
    byte[] bytes = codec.encode(value);
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    longer[bytes.length] = extra;
    assertThatThrownBy(() -> codec.decode(longer))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("trailing");
  }

  @Property(tries = 1000)
  void corruptedBytesFailCleanlyOrDecodeToAValidValue(
      @ForAll("anyRegistered") Object value,
      @ForAll @IntRange(max = 100_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    // Without a checksum a flipped byte may still be a valid encoding (TCP checksums the link);
    // what must never happen is any other exception, a huge allocation, or a half-built value.
    byte[] bytes = codec.encode(value);
    bytes[position % bytes.length] ^= (byte) flip;
    try {
      Object decoded = codec.decode(bytes);
      assertThat(codec.decode(codec.encode(decoded))).isEqualTo(decoded);
    } catch (WireFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  /**
   * Regression, shrunk by {@link #framesRoundTrip}: the correlation id was written by Kryo
   * (little-endian) but read big-endian, so a reply could be matched to the wrong request.
   */
  @Example
  void correlationIdsSurviveAFrameRoundTrip() {
    WireMessage m = new ReplicaGet(0, BucketKey.of(" ", " "));
    byte[] frame = codec.encodeFrame(new Envelope(-7121475L, m));
    assertThat(frame[4]).isEqualTo((byte) 0xFF); // big-endian: the sign byte comes first
    assertThat(codec.decodeFrame(frame, 4, frame.length - 4).correlationId()).isEqualTo(-7121475L);
  }

  @Example
  void unknownTypeIdsAndHugeLengthsAreRejected() {
    assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0x7f, 1}))
        .isInstanceOf(WireFormatException.class);
    // a Sibling whose value claims 2 GiB in a 12-byte message must not allocate it
    byte[] huge = {(byte) (103 + 2), 0, 0, 1, 'x', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
    assertThatThrownBy(() -> codec.decode(huge))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("value is");
    assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(WireFormatException.class);
  }

  @Example
  void aTypeMismatchIsReported() {
    byte[] bytes = codec.encode(NodeId.of("n1"));
    assertThatThrownBy(() -> codec.decode(bytes, ReplicaGet.class))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("expected ReplicaGet");
  }

  @Example
  void unregisteredClassesCannotBeEncoded() {
    assertThatThrownBy(() -> codec.encode(new ArrayList<>()))
        .isInstanceOf(WireFormatException.class);
  }
}
