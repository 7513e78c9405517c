package io.cairn.node.adapter.contexts;

import static io.cairn.node.adapter.contexts.DoorsCluster.assertRefused;
import static io.cairn.node.adapter.contexts.DoorsCluster.contextOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.client.CairnBinaryClient;
import io.cairn.client.Fetched;
import io.cairn.client.ReadOptions;
import io.cairn.client.RequestRejectedException;
import io.cairn.client.Value;
import io.cairn.client.WriteOptions;
import io.cairn.client.Written;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A context belongs to the key it was issued for. Sent with another key it used to be taken at face
 * value: {@code PUT B} with the context of a write to {@code A} answered 204 and discarded B's
 * acknowledged value, with no sibling left. Now it is a 400 naming the reason, on both doors, and
 * B's value is untouched.
 */
@Timeout(60)
class ForeignContextRejectedTest {

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
  void overHttpAContextOfAnotherKeyIsRefusedAndTheValueStays() throws Exception {
    // B first: A's later dot comes from the same node-wide counter, so A's context covers B's value
    assertThat(doors.put("n1", "b", "b1", null).statusCode()).isEqualTo(204);
    String contextOfA = contextOf(doors.put("n1", "a", "a1", null));
    var before = doors.storedVectors("b");

    assertRefused(doors.put("n1", "b", "overwrite", contextOfA), "context-for-other-key",
        "context was issued for a different key");
    assertRefused(doors.delete("n2", "b", contextOfA), "context-for-other-key", "different key");

    HttpResponse<String> b = doors.get("n3", "b");
    assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
    assertThat(b.body()).isEqualTo("b1");
    assertThat(doors.storedVectors("b")).isEqualTo(before);
    // A's context still works on A
    assertThat(doors.put("n2", "a", "a2", contextOfA).statusCode()).isEqualTo(204);
  }

  @Test
  void overTheBinaryPortAContextOfAnotherKeyIsRefusedAndTheValueStays() throws Exception {
    CairnBinaryClient client = doors.binary("n2");
    WriteOptions all = WriteOptions.DEFAULT.withW(3);
    client.put("b", "b", bytes("b1"), "text/plain", null, all);
    Written a = client.put("b", "a", bytes("a1"), "text/plain", null, all);
    String contextOfA = a.context().orElseThrow();

    assertThatThrownBy(() -> client.put("b", "b", bytes("overwrite"), "text/plain", contextOfA, all))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("context was issued for a different key");
    assertThatThrownBy(() -> client.delete("b", "b", contextOfA, all))
        .isInstanceOf(RequestRejectedException.class);

    Fetched b = client.get("b", "b", ReadOptions.DEFAULT.withR(3));
    assertThat(b.siblings()).extracting(Value::asString).containsExactly("b1");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
