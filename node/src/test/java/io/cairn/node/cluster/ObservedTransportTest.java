package io.cairn.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.node.net.PeerUnavailableException;
import io.cairn.node.net.RemoteFailureException;
import io.cairn.node.net.RequestHandler;
import io.cairn.node.net.RequestTimeoutException;
import io.cairn.node.net.Transport;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.Heartbeat;
import io.cairn.protocol.wire.ReapReply;
import io.cairn.protocol.wire.WireMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ObservedTransportTest {

  private static final NodeId SELF = NodeId.of("a");
  private static final NodeId PEER = NodeId.of("b");
  private static final WireMessage PING = new Heartbeat(SELF, 1, 0);
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  /** Answers every request with whatever the test put in {@link #next}. */
  private static final class FakeTransport implements Transport {
    final AtomicReference<CompletableFuture<WireMessage>> next = new AtomicReference<>();
    RequestHandler handler;
    boolean closed;

    @Override
    public CompletableFuture<WireMessage> request(NodeId peer, WireMessage request, Duration timeout) {
      return next.get();
    }

    @Override
    public void onRequest(RequestHandler handler) {
      this.handler = handler;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final AtomicLong now = new AtomicLong();
  private final TimeoutSuspicion suspicion = new TimeoutSuspicion(n -> true, 2, Duration.ofSeconds(5), now::get);
  private final FakeTransport fake = new FakeTransport();
  private final ObservedTransport observed = new ObservedTransport(fake, suspicion);

  private CompletableFuture<WireMessage> send(CompletableFuture<WireMessage> outcome) {
    fake.next.set(outcome);
    return observed.request(PEER, PING, TIMEOUT);
  }

  @Test
  void timeoutsAreReportedAndTheExceptionPassesThroughUnchanged() {
    RequestTimeoutException timeout = new RequestTimeoutException("no reply");
    CompletableFuture<WireMessage> first = send(CompletableFuture.failedFuture(timeout));
    assertThat(suspicion.isReachable(PEER)).isTrue();
    send(CompletableFuture.failedFuture(new RequestTimeoutException("no reply")));
    assertThat(suspicion.isReachable(PEER)).isFalse();

    AtomicReference<Throwable> seen = new AtomicReference<>();
    first.exceptionally(e -> {
      seen.set(e);
      return null;
    });
    assertThat(seen.get()).isSameAs(timeout);
  }

  @Test
  void aTimeoutWrappedInACompletionExceptionIsRecognised() {
    send(CompletableFuture.failedFuture(new CompletionException(new RequestTimeoutException("x"))));
    send(CompletableFuture.failedFuture(new CompletionException(new RequestTimeoutException("x"))));
    assertThat(suspicion.isReachable(PEER)).isFalse();
  }

  @Test
  void aTimeoutCompletingLaterIsReportedWhenItHappens() {
    CompletableFuture<WireMessage> pending = new CompletableFuture<>();
    CompletableFuture<WireMessage> result = send(pending);
    send(CompletableFuture.failedFuture(new RequestTimeoutException("x")));
    assertThat(suspicion.isReachable(PEER)).isTrue();
    assertThat(result).isNotDone();
    pending.completeExceptionally(new RequestTimeoutException("late"));
    assertThat(suspicion.isReachable(PEER)).isFalse();
    assertThat(result).isCompletedExceptionally();
  }

  @Test
  void aReplyClearsTheSuspicionAndIsReturnedAsIs() {
    send(CompletableFuture.failedFuture(new RequestTimeoutException("x")));
    send(CompletableFuture.failedFuture(new RequestTimeoutException("x")));
    WireMessage reply = new ReapReply(true);
    CompletableFuture<WireMessage> answered = send(CompletableFuture.completedFuture(reply));
    assertThat(answered.join()).isSameAs(reply);
    assertThat(suspicion.isReachable(PEER)).isTrue();
  }

  @Test
  void anAnsweredHeartbeatClearsTheSuspicion() {
    send(CompletableFuture.failedFuture(new RequestTimeoutException("x")));
    send(CompletableFuture.failedFuture(new RequestTimeoutException("x")));
    send(CompletableFuture.completedFuture(new Heartbeat(PEER, 1, 5)));
    assertThat(suspicion.isReachable(PEER)).isTrue();
  }

  @Test
  void aRemoteFailureIsAnAnswerAndBreaksTheStreak() {
    send(CompletableFuture.failedFuture(new RequestTimeoutException("x")));
    send(CompletableFuture.failedFuture(new RemoteFailureException("cannot")));
    send(CompletableFuture.failedFuture(new RequestTimeoutException("x")));
    assertThat(suspicion.isReachable(PEER)).isTrue();
  }

  @Test
  void otherFailuresNeitherCountNorClear() {
    send(CompletableFuture.failedFuture(new RequestTimeoutException("x")));
    send(CompletableFuture.failedFuture(new PeerUnavailableException("no connection")));
    assertThat(suspicion.isReachable(PEER)).isTrue();
    send(CompletableFuture.failedFuture(new RequestTimeoutException("x")));
    assertThat(suspicion.isReachable(PEER)).as("the unavailable attempt did not break the streak").isFalse();
  }

  @Test
  void handlerAndCloseGoToTheWrappedTransport() {
    RequestHandler handler = (from, m) -> CompletableFuture.completedFuture(m);
    observed.onRequest(handler);
    assertThat(fake.handler).isSameAs(handler);
    observed.close();
    assertThat(fake.closed).isTrue();
  }

  @Test
  void theCallerIsAnsweredEvenIfObservingFails() {
    AtomicBoolean asked = new AtomicBoolean();
    TimeoutSuspicion broken = new TimeoutSuspicion(n -> true, 1, Duration.ofSeconds(1), () -> {
      asked.set(true);
      throw new IllegalStateException("clock broke");
    });
    fake.next.set(CompletableFuture.failedFuture(new RequestTimeoutException("x")));
    CompletableFuture<WireMessage> result = new ObservedTransport(fake, broken).request(PEER, PING, TIMEOUT);
    assertThat(asked).isTrue();
    assertThat(result).isCompletedExceptionally();
  }
}
