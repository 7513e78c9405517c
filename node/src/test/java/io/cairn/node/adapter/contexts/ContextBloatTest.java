package io.cairn.node.adapter.contexts;

import static io.cairn.node.adapter.contexts.DoorsCluster.assertRefused;
import static io.cairn.node.adapter.contexts.DoorsCluster.contextOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.client.IndeterminateException;
import io.cairn.node.adapter.http.HttpApi;
import io.cairn.node.coordinator.ClientRequests;
import io.cairn.node.coordinator.LocalCluster;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.context.ContextTokens;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Partitioner;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The actor bound, the codec's length limit and the HTTP header limit agree: the node never hands
 * out a context it would refuse or one its own HTTP server could not take back. Before, three writes
 * with about 330 made-up actors each grew a key's context to about 12 KB, beyond the 8 KiB header
 * limit, so the key's siblings could never be resolved again.
 */
@Timeout(60)
class ContextBloatTest {

  /** Vert.x's default header block, left whole for every header but the context. */
  private static final int OTHER_HEADERS = 8 * 1024;
  private static final BucketKey KEY = BucketKey.of("b", "k");
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
  void theLongestContextTheCodecAcceptsFitsTheConfiguredHeaderLimit() {
    int headerLine = (DoorsCluster.CONTEXT + ": ").length() + ContextTokens.MAX_ENCODED_LENGTH + 2;
    assertThat(headerLine + OTHER_HEADERS).isLessThanOrEqualTo(HttpApi.MAX_HEADER_BYTES);
    assertThat(LocalCluster.TOKENS.issue(KEY, widest(ContextTokens.MAX_ACTORS)))
        .hasSize(ContextTokens.MAX_ENCODED_LENGTH);
  }

  @Test
  void theLongestLegalContextCrossesTheHttpDoor() throws Exception {
    // 199 actors of the longest kind, plus the coordinator's own: exactly the bound
    String longest = LocalCluster.TOKENS.issue(KEY, widest(ContextTokens.MAX_ACTORS - 1));
    HttpResponse<String> w = doors.put("n1", "k", "v", longest);
    assertThat(w.statusCode()).as(w.body()).isEqualTo(204);
    String handedOut = contextOf(w);
    assertThat(handedOut.length()).isLessThanOrEqualTo(ContextTokens.MAX_ENCODED_LENGTH);
    assertThat(LocalCluster.TOKENS.open(KEY, handedOut).size()).isEqualTo(ContextTokens.MAX_ACTORS);
    // and the node takes back what it handed out, through its own header limit, over HTTP/2 and HTTP/1.1
    HttpResponse<String> again = doors.put("n1", "k", "v2", handedOut);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(204);
    assertThat(doors.get("n2", "k").body()).isEqualTo("v2");
    HttpResponse<String> plain = doors.putOverHttp11("n1", "k", "v3", contextOf(again)); // n1: its actor is in the history
    assertThat(plain.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(204);
    assertThat(doors.get("n2", "k").body()).isEqualTo("v3");
  }

  @Test
  void aWriteThatWouldGrowTheHistoryBeyondTheBoundIsRefusedAndNothingIsStored() throws Exception {
    String full = contextOf(doors.put("n1", "k", "v", LocalCluster.TOKENS.issue(KEY, widest(ContextTokens.MAX_ACTORS - 1))));
    var before = doors.storedVectors("k");
    assertThat(before).allSatisfy(v -> assertThat(v.size()).isEqualTo(ContextTokens.MAX_ACTORS));
    // n2 coordinates its own writes, and its actor is not in the key's history yet
    assertRefused(doors.put("n2", "k", "one actor too many", full), ClientRequests.CAUSAL_HISTORY_FULL,
        "at most " + ContextTokens.MAX_ACTORS);
    assertThat(doors.storedVectors("k")).isEqualTo(before);
    HttpResponse<String> r = doors.get("n3", "k");
    assertThat(r.body()).isEqualTo("v");
    assertThat(contextOf(r).length()).isLessThanOrEqualTo(ContextTokens.MAX_ENCODED_LENGTH);
    // the actors already in the history keep writing
    assertThat(doors.put("n1", "k", "v3", contextOf(r)).statusCode()).isEqualTo(204);
  }

  @Test
  void aWriteForwardedToAPrimaryThatWouldGrowTheHistoryIsRefusedThereAndTheRefusalComesBack() throws Exception {
    // two replicas per key: the third node forwards its writes to the first primary
    BucketKey key = BucketKey.of("f", "k");
    for (LocalCluster.Node n : doors.cluster.nodes.values()) {
      n.buckets().set("f", new BucketProps(2, 1, 2, ConflictMode.SIBLINGS));
    }
    LocalCluster.Node any = doors.cluster.nodes.values().iterator().next();
    int partition = new Partitioner(doors.cluster.ring.partitionCount()).partitionOf("f", "k");
    List<NodeId> primaries = any.core().rings().placement().preferenceList(partition, 2).primaries();
    String second = primaries.get(1).value();
    String other = doors.cluster.nodes.keySet().stream().filter(id -> !primaries.contains(id)).findFirst()
        .orElseThrow().value();
    // the second primary fills the history; the first primary's actor is not in it
    HttpResponse<String> w = doors.send(second, "PUT", "/v1/buckets/f/keys/k?w=2", "v",
        Map.of(DoorsCluster.CONTEXT, LocalCluster.TOKENS.issue(key, widest(ContextTokens.MAX_ACTORS - 1))));
    assertThat(w.statusCode()).as(w.body()).isEqualTo(204);
    HttpResponse<String> refused = doors.send(other, "PUT", "/v1/buckets/f/keys/k?w=2", "forwarded",
        Map.of(DoorsCluster.CONTEXT, contextOf(w)));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("a context carries at most " + ContextTokens.MAX_ACTORS, "nothing was stored");
    assertThat(doors.send(other, "GET", "/v1/buckets/f/keys/k?r=2", null, Map.of()).body()).isEqualTo("v");
  }

  @Test
  void madeUpActorsNeverGrowAKeysContext() throws Exception {
    assertThat(doors.put("n1", "k", "v", null).statusCode()).isEqualTo(204);
    Map<String, Long> fake = new HashMap<>();
    for (int i = 0; i < 330; i++) {
      fake.put(String.format("fake-writer-%04d", i), 1L);
    }
    for (int round = 0; round < 3; round++) {
      // the unauthenticated format earlier versions took from anyone
      String bloated = ForgedContextRejectedTest.formatOne(fake, 1 + round);
      assertRefused(doors.put("n1", "k", "bloat " + round, bloated), "unsigned-context", "format 1");
    }
    // anything longer than the longest legal token is refused before it is read
    assertRefused(doors.put("n1", "k", "long", "A".repeat(ContextTokens.MAX_ENCODED_LENGTH + 1)),
        "malformed-context", "no context of at most " + ContextTokens.MAX_ACTORS + " actors");
    HttpResponse<String> r = doors.get("n2", "k");
    assertThat(r.body()).isEqualTo("v");
    assertThat(contextOf(r).length()).isLessThan(100);
    assertThat(doors.storedVectors("k")).allSatisfy(v -> assertThat(v.size()).isEqualTo(1));
  }

  @Test
  void aHistoryMergedBeyondTheBoundIsNeverHandedOutAsAContext() throws Exception {
    // replicas that each stayed within the bound can merge beyond it; a read then has no context to give
    StoredObject wide = StoredObject.empty().write(Actor.of("n1", 1), widest(ContextTokens.MAX_ACTORS),
        Sibling.of("v".getBytes(StandardCharsets.UTF_8), "text/plain", 1), ConflictMode.SIBLINGS);
    int partition = new Partitioner(doors.cluster.ring.partitionCount()).partitionOf("b", "k");
    for (LocalCluster.Node n : doors.cluster.nodes.values()) {
      n.store().merge(partition, KEY, wide, ConflictMode.SIBLINGS);
    }
    HttpResponse<String> r = doors.get("n1", "k");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
    assertThat(r.headers().firstValue(DoorsCluster.CONTEXT)).isEmpty();
    assertThat(r.body()).contains("carries " + (ContextTokens.MAX_ACTORS + 1) + " actors; a context carries at most");
    assertThatThrownBy(() -> doors.binary("n2").get("b", "k"))
        .isInstanceOfSatisfying(IndeterminateException.class, e -> assertThat(e.status()).isEqualTo(500))
        .hasMessageContaining("a context carries at most " + ContextTokens.MAX_ACTORS);
  }

  /** {@code actors} entries of the longest encoding: 64-character node ids, 63-bit epochs and counters. */
  static VersionVector widest(int actors) {
    Map<Actor, Long> entries = new HashMap<>();
    for (int i = 0; i < actors; i++) {
      entries.put(Actor.of("w" + String.format("%063d", i), Long.MAX_VALUE), Long.MAX_VALUE - 1);
    }
    return VersionVector.of(entries);
  }
}
