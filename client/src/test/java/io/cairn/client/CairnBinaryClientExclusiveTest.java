package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.client.ScriptedFrameServer.Reply;
import io.cairn.client.ScriptedFrameServer.Silence;
import io.cairn.protocol.wire.ClientReply;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.RequestId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every test of {@link CairnBinaryClientTest} again with {@link CairnBinaryClient.ConnectionMode#EXCLUSIVE}
 * connections, and what is particular to them.
 */
class CairnBinaryClientExclusiveTest extends CairnBinaryClientTest {

  @Override
  CairnBinaryClient.ConnectionMode mode() {
    return CairnBinaryClient.ConnectionMode.EXCLUSIVE;
  }

  @Override
  int connectionsFor(int threads) {
    return threads; // one per caller at most, reused after
  }

  @Test
  void aConnectionIsReusedByTheNextRequest() {
    server.script(m -> new Reply(new ClientReply(new RequestId(1, 2), QuorumOutcome.NOT_FOUND, "", List.of(), "")));
    for (int i = 0; i < 20; i++) {
      assertThat(client.get("b", "k" + i).found()).isFalse();
    }
    assertThat(server.connections.get()).isEqualTo(1);
  }

  @Test
  void aTimedOutConnectionIsNotReusedAndTheTimeoutIsKept() {
    server.script(m -> new Silence());
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.get("b", "k"))
        .isInstanceOf(IndeterminateException.class)
        .hasMessageContaining("no answer within 500 ms");
    long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
    // the watchdog looks every 20 ms; a generous margin for a loaded machine
    assertThat(tookMs).isBetween(500L, 5_000L);
    server.script(m -> new Reply(new ClientReply(new RequestId(1, 2), QuorumOutcome.NOT_FOUND, "", List.of(), "")));
    assertThat(client.get("b", "k").found()).isFalse();
    assertThat(server.connections.get()).isEqualTo(2); // a late reply can never be taken for the next one's
  }
}
