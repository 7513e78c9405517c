package io.cairn.verification.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aYcsbRecordRoundTripsWithLittleFraming() {
    Random random = new Random(3);
    Map<String, byte[]> record = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      byte[] value = new byte[100];
      random.nextBytes(value);
      record.put("field" + i, value);
    }
    byte[] encoded = RecordCodec.encode(record);
    assertThat(encoded.length).isLessThanOrEqualTo(1000 + 10 * (1 + 6 + 1) + 1);
    Map<String, byte[]> decoded = RecordCodec.decode(encoded);
    assertThat(decoded.keySet()).containsExactlyElementsOf(record.keySet());
    record.forEach((k, v) -> assertThat(decoded.get(k)).isEqualTo(v));
  }

  @Test
  void emptyAndLargeFieldsRoundTrip() {
    Map<String, byte[]> record = new LinkedHashMap<>();
    record.put("", new byte[0]);
    record.put("é", new byte[70_000]);
    Map<String, byte[]> decoded = RecordCodec.decode(RecordCodec.encode(record));
    assertThat(decoded.get("")).isEmpty();
    assertThat(decoded.get("é")).hasSize(70_000);
    assertThat(RecordCodec.decode(RecordCodec.encode(Map.of()))).isEmpty();
  }

  @Test
  void truncatedOrTrailingBytesAreRejected() {
    byte[] encoded = RecordCodec.encode(Map.of("field0", b("value")));
    byte[] truncated = Arrays.copyOf(encoded, encoded.length - 1);
    byte[] trailing = Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> RecordCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordCodec.decode(trailing)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void siblingsMergeFieldByFieldTheNewerWinningConflicts() {
    Map<String, byte[]> older = new LinkedHashMap<>();
    older.put("field0", b("old0"));
    older.put("field1", b("old1"));
    Map<String, byte[]> newer = new LinkedHashMap<>();
    newer.put("field1", b("new1"));
    newer.put("field2", b("new2"));
    // given newest first: the order of siblings does not matter, timestamps do
    Map<String, byte[]> merged = RecordCodec.merge(List.of(
        new RecordCodec.Sibling(newer, 20), new RecordCodec.Sibling(older, 10)));
    assertThat(merged.keySet()).containsExactlyInAnyOrder("field0", "field1", "field2");
    assertThat(merged.get("field0")).isEqualTo(b("old0"));
    assertThat(merged.get("field1")).isEqualTo(b("new1"));
    assertThat(merged.get("field2")).isEqualTo(b("new2"));
  }
}
