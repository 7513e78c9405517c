package io.cairn.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.ring.NodeId;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimeoutSuspicionTest {

  private static final NodeId P = NodeId.of("p");
  private static final NodeId Q = NodeId.of("q");

  private final AtomicLong now = new AtomicLong(1_000);
  private final Set<NodeId> detectorDown = new HashSet<>();
  private final TimeoutSuspicion s =
      new TimeoutSuspicion(n -> !detectorDown.contains(n), 2, Duration.ofSeconds(3), now::get);

  @Test
  void oneTimeoutIsNotEnough() {
    s.onTimeout(P);
    assertThat(s.isReachable(P)).isTrue();
    assertThat(s.isSuspected(P)).isFalse();
  }

  @Test
  void consecutiveTimeoutsMakeThePeerUnreachable() {
    s.onTimeout(P);
    s.onTimeout(P);
    assertThat(s.isReachable(P)).isFalse();
    assertThat(s.isSuspected(P)).isTrue();
    assertThat(s.isReachable(Q)).as("other peers are unaffected").isTrue();
  }

  @Test
  void aReplyBetweenTimeoutsBreaksTheStreak() {
    s.onTimeout(P);
    s.onReply(P);
    s.onTimeout(P);
    assertThat(s.isReachable(P)).isTrue();
    s.onTimeout(P);
    assertThat(s.isReachable(P)).isFalse();
  }

  @Test
  void timeoutsOfAnotherPeerDoNotCount() {
    s.onTimeout(P);
    s.onTimeout(Q);
    assertThat(s.isReachable(P)).isTrue();
    assertThat(s.isReachable(Q)).isTrue();
  }

  @Test
  void aReplyClearsTheSuspicionAtOnce() {
    s.onTimeout(P);
    s.onTimeout(P);
    s.onReply(P);
    assertThat(s.isReachable(P)).isTrue();
    s.onTimeout(P);
    assertThat(s.isReachable(P)).as("a fresh streak starts from zero").isTrue();
  }

  @Test
  void aHeartbeatClearsTheSuspicion() {
    s.onTimeout(P);
    s.onTimeout(P);
    s.onHeartbeat(P);
    assertThat(s.isReachable(P)).isTrue();
  }

  @Test
  void probationReadmitsThePeerAndOneMoreTimeoutSuspectsItAgain() {
    s.onTimeout(P);
    now.addAndGet(1_000);
    s.onTimeout(P); // suspected from here, for 3 s
    now.addAndGet(2_999);
    assertThat(s.isReachable(P)).isFalse();
    now.addAndGet(1);
    assertThat(s.isReachable(P)).as("retried after probation though nothing was sent").isTrue();
    s.onTimeout(P);
    assertThat(s.isReachable(P)).as("still failing: suspected again without a second strike").isFalse();
    now.addAndGet(3_000);
    assertThat(s.isReachable(P)).isTrue();
  }

  @Test
  void aLaterTimeoutExtendsTheSuspicion() {
    s.onTimeout(P);
    s.onTimeout(P);
    now.addAndGet(2_000);
    s.onTimeout(P); // a request sent earlier timing out now
    now.addAndGet(2_000);
    assertThat(s.isReachable(P)).isFalse();
    now.addAndGet(1_000);
    assertThat(s.isReachable(P)).isTrue();
  }

  @Test
  void thePeerTheDetectorHoldsDownStaysDown() {
    detectorDown.add(P);
    assertThat(s.isReachable(P)).isFalse();
    s.onReply(P);
    assertThat(s.isReachable(P)).isFalse();
    assertThat(s.isSuspected(P)).isFalse();
  }

  @Test
  void aLongStreakDoesNotOverflow() {
    for (int i = 0; i < 100_000; i++) {
      s.onTimeout(P);
    }
    assertThat(s.isReachable(P)).isFalse();
    s.onReply(P);
    s.onTimeout(P);
    assertThat(s.isReachable(P)).isTrue();
  }

  @Test
  void parametersAreChecked() {
    assertThatThrownBy(() -> new TimeoutSuspicion(n -> true, 0, Duration.ofSeconds(1), now::get))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimeoutSuspicion(n -> true, 2, Duration.ZERO, now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentTimeoutsFromSeveralThreadsAllCount() throws Exception {
    TimeoutSuspicion many = new TimeoutSuspicion(n -> true, 4_000, Duration.ofSeconds(3), now::get);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      for (int t = 0; t < 4; t++) {
        pool.execute(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          for (int i = 0; i < 1_000; i++) {
            many.onTimeout(P);
          }
        });
      }
      start.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
    assertThat(many.isReachable(P)).as("no timeout lost to a race: 4 x 1000 reached the threshold").isFalse();
  }
}
