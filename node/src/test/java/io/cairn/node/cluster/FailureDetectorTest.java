package io.cairn.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.node.net.LocalNetwork;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.Heartbeat;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureDetectorTest {

  @Test
  void heartbeatsKeepAPeerReachableAndSilenceMakesItUnreachable() throws Exception {
    LocalNetwork network = new LocalNetwork(Runnable::run);
    AtomicLong now = new AtomicLong();
    NodeId a = NodeId.of("a");
    NodeId b = NodeId.of("b");
    FailureDetector atA = new FailureDetector(a, 1, new PhiAccrualDetector(8, 100, 50, 1000),
        network.transportFor(a), () -> List.of(a, b), now::get, now::get, Duration.ofSeconds(1));
    FailureDetector atB = new FailureDetector(b, 1, new PhiAccrualDetector(8, 100, 50, 1000),
        network.transportFor(b), () -> List.of(a, b), now::get, now::get, Duration.ofSeconds(1));
    network.transportFor(a).onRequest((from, m) -> atA.onHeartbeat((Heartbeat) m).thenApply(x -> x));
    network.transportFor(b).onRequest((from, m) -> atB.onHeartbeat((Heartbeat) m).thenApply(x -> x));
    for (int i = 0; i < 30; i++) {
      now.addAndGet(1000);
      atA.beat();
      CompletableFuture.runAsync(() -> {}).get();
    }
    assertThat(atA.isReachable(b)).isTrue();
    assertThat(atB.isReachable(a)).isTrue();
    network.takeDown(b);
    for (int i = 0; i < 15; i++) {
      now.addAndGet(1000);
      atA.beat();
    }
    assertThat(atA.isReachable(b)).isFalse();
    assertThat(atA.phi(b)).isGreaterThan(8);
    assertThat(atA.isReachable(a)).isTrue();
  }
}
