package io.cairn.node.adapter.contexts;

import static io.cairn.node.adapter.contexts.DoorsCluster.assertRefused;
import static io.cairn.node.adapter.contexts.DoorsCluster.contextOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.client.CairnBinaryClient;
import io.cairn.client.ReadOptions;
import io.cairn.client.RequestRejectedException;
import io.cairn.client.Value;
import io.cairn.client.WriteOptions;
import io.cairn.node.coordinator.LocalCluster;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.context.ContextTokens;
import io.cairn.protocol.object.BucketKey;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A context a client made up used to be accepted and stored: one claiming counters of 2^63-2 made
 * the key unwritable for good (every later write failed with 400 "cannot move ... back"). Contexts
 * are now signed by the cluster: a forged, altered, truncated or foreign-cluster context is a 400
 * naming why, nothing of it is stored, and the key stays writable.
 */
@Timeout(60)
class ForgedContextRejectedTest {

  private static final long HUGE = Long.MAX_VALUE - 1;
  private DoorsCluster doors;

  @BeforeEach
  void start() throws Exception {
    doors = new DoorsCluster();
  }

  @AfterEach
  void stop() throws Exception {
    doors.close();
  }

  @Test
  void aHandMadeContextWithHugeCountersIsRefusedAndTheKeyStaysWritable() throws Exception {
    String real = contextOf(doors.put("n1", "k", "v1", null));
    var before = doors.storedVectors("k");
    String epoch = epochOf("n1");
    // what any client could compute: the unauthenticated format-1 encoding, checksum and all
    String forged = formatOne(Map.of("n1", Long.parseLong(epoch)), HUGE);
    assertRefused(doors.put("n1", "k", "forged", forged), "unsigned-context", "format 1");
    assertKeepsOnly("k", "v1", before);
    assertStillWritable("k", real);
  }

  @Test
  void anAlteredContextIsNotAuthentic() throws Exception {
    String real = contextOf(doors.put("n1", "k", "v1", null));
    var before = doors.storedVectors("k");
    byte[] raw = Base64.getUrlDecoder().decode(real);
    for (int at = 1 + ContextTokens.FINGERPRINT_BYTES; at < raw.length; at++) {
      byte[] altered = raw.clone();
      altered[at] ^= 0x01;
      assertRefused(doors.put("n2", "k", "altered", encode(altered)), "context-not-authentic",
          "context is not authentic (signed with another cluster secret or altered)");
    }
    assertRefused(doors.put("n2", "k", "truncated", encode(Arrays.copyOf(raw, raw.length - 1))),
        "context-not-authentic", "not authentic");
    assertKeepsOnly("k", "v1", before);
    assertStillWritable("k", real);
  }

  @Test
  void aContextSignedWithAnotherClusterSecretIsNotAuthentic() throws Exception {
    String real = contextOf(doors.put("n1", "k", "v1", null));
    var before = doors.storedVectors("k");
    ContextTokens otherCluster = ContextTokens.forClusterSecret(
        "the secret of some other cluster, 32+ bytes".getBytes(StandardCharsets.US_ASCII));
    String forged = otherCluster.issue(BucketKey.of("b", "k"),
        VersionVector.of(Map.of(Actor.of("n1", Long.parseLong(epochOf("n1"))), HUGE)));
    assertRefused(doors.put("n3", "k", "forged", forged), "context-not-authentic", "not authentic");
    assertRefused(doors.delete("n3", "k", forged), "context-not-authentic", "not authentic");
    assertKeepsOnly("k", "v1", before);
    assertStillWritable("k", real);
  }

  @Test
  void overTheBinaryPortAForgedContextIsRefusedToo() throws Exception {
    CairnBinaryClient client = doors.binary("n1");
    WriteOptions all = WriteOptions.DEFAULT.withW(3);
    String real = client.put("b", "k", bytes("v1"), "text/plain", null, all).context().orElseThrow();
    String forged = formatOne(Map.of("n1", Long.parseLong(epochOf("n1"))), HUGE);
    String altered = tamper(real);
    for (String bad : List.of(forged, altered, "garbage!")) {
      assertThatThrownBy(() -> client.put("b", "k", bytes("forged"), "text/plain", bad, all))
          .as(bad)
          .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
    assertThat(client.get("b", "k", ReadOptions.DEFAULT.withR(3)).siblings()).extracting(Value::asString)
        .containsExactly("v1");
    assertThat(client.put("b", "k", bytes("v2"), "text/plain", real, all).siblings()).isEmpty();
    assertThat(client.get("b", "k", ReadOptions.DEFAULT.withR(3)).siblings()).extracting(Value::asString)
        .containsExactly("v2");
  }

  /** The value and every replica's vector are as they were: nothing of the refused request was stored. */
  private void assertKeepsOnly(String key, String value, List<VersionVector> before) throws Exception {
    HttpResponse<String> r = doors.get("n2", key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(value);
    assertThat(doors.storedVectors(key)).isEqualTo(before);
    for (VersionVector v : doors.storedVectors(key)) {
      for (int i = 0; i < v.size(); i++) {
        assertThat(v.counterAt(i)).isLessThan(1L << 40);
      }
    }
  }

  /** Writes and deletes with the key's real context still succeed, on every node. */
  private void assertStillWritable(String key, String context) throws Exception {
    HttpResponse<String> w = doors.put("n2", key, "v2", context);
    assertThat(w.statusCode()).as(w.body()).isEqualTo(204);
    HttpResponse<String> d = doors.delete("n3", key, contextOf(w));
    assertThat(d.statusCode()).as(d.body()).isEqualTo(204);
    assertThat(doors.get("n1", key).statusCode()).isEqualTo(404);
  }

  private String epochOf(String node) {
    return Long.toString(doors.cluster.node(node).core().identity().epoch());
  }

  private static String tamper(String token) {
    byte[] raw = Base64.getUrlDecoder().decode(token);
    raw[raw.length - ContextTokens.MAC_BYTES - 1] ^= 0x01; // the last counter
    return encode(raw);
  }

  /** Format 1, as earlier versions encoded (and accepted) it: a CRC32C, no MAC, no key. */
  static String formatOne(Map<String, Long> epochs, long counter) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    writeVarint(out, epochs.size());
    epochs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      byte[] id = e.getKey().getBytes(StandardCharsets.US_ASCII);
      writeVarint(out, id.length);
      out.write(id, 0, id.length);
      writeVarint(out, e.getValue());
      writeVarint(out, counter);
    });
    CRC32C crc = new CRC32C();
    byte[] body = out.toByteArray();
    crc.update(body, 0, body.length);
    long sum = crc.getValue();
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write((int) (sum >>> shift));
    }
    return encode(out.toByteArray());
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  private static String encode(byte[] raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
