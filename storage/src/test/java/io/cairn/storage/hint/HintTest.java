package io.cairn.storage.hint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.KeyCodec;
import org.junit.jupiter.api.Test;

class HintTest {

  static final NodeId N1 = NodeId.of("n1");
  static final BucketKey K = BucketKey.of("bucket", "key");

  @Test
  void equalByContentIncludingTheObjectBytes() {
    Hint a = new Hint(N1, 3, K, new byte[] {1, 2}, 10);
    Hint b = new Hint(N1, 3, K, new byte[] {1, 2}, 10);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new Hint(N1, 3, K, new byte[] {1, 3}, 10));
    assertThat(a).isNotEqualTo(new Hint(N1, 3, K, new byte[] {1, 2}, 11));
    assertThat(a).isNotEqualTo(new Hint(N1, 4, K, new byte[] {1, 2}, 10));
    assertThat(a).isNotEqualTo(new Hint(NodeId.of("n2"), 3, K, new byte[] {1, 2}, 10));
  }

  @Test
  void objectIsCopiedInAndOut() {
    byte[] object = {1, 2};
    Hint hint = new Hint(N1, 0, K, object, 0);
    object[0] = 9;
    hint.object()[1] = 9;
    assertThat(hint.object()).containsExactly(1, 2);
  }

  @Test
  void footprintIsOverheadPlusEncodedAddressPlusObject() {
    Hint hint = new Hint(N1, 0, K, new byte[100], 0);
    int address = 1 + "n1".length() + Integer.BYTES + KeyCodec.encode(K).length;
    assertThat(hint.footprintBytes()).isEqualTo(Hint.OVERHEAD_BYTES + address + 100);
    assertThat(HintCodec.encodeAddress(new HintAddress(N1, 0, K))).hasSize(address);
  }

  @Test
  void addressAndRecordRoundTripThroughTheirByteForms() {
    HintAddress address = new HintAddress(NodeId.of("node-3.eu"), 1023, BucketKey.of("b", "ключ"));
    StoredHint record = new StoredHint(-5, new byte[] {7, 8, 9});

    assertThat(HintCodec.decodeAddress(HintCodec.encodeAddress(address))).isEqualTo(address);
    StoredHint back = HintCodec.decodeRecord(HintCodec.encodeRecord(record));
    assertThat(back.sameAs(-5, new byte[] {7, 8, 9})).isTrue();
    assertThat(HintCodec.isFor(HintCodec.encodeAddress(address), HintCodec.targetBytes(NodeId.of("node-3.eu"))))
        .isTrue();
    assertThat(HintCodec.isFor(HintCodec.encodeAddress(address), HintCodec.targetBytes(NodeId.of("node-3"))))
        .isFalse();
  }

  @Test
  void negativePartitionIsRejected() {
    assertThatThrownBy(() -> new Hint(N1, -1, K, new byte[0], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partition");
  }
}
