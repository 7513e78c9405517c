package io.cairn.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.ring.NodeId;
import org.junit.jupiter.api.Test;

class PhiAccrualDetectorTest {

  private static final NodeId PEER = NodeId.of("n2");

  private static PhiAccrualDetector detectorWithBeatsEvery(long interval, int beats) {
    PhiAccrualDetector d = new PhiAccrualDetector(8.0, 100, 100, interval);
    for (int i = 0; i < beats; i++) {
      d.heartbeat(PEER, i * interval);
    }
    return d;
  }

  @Test
  void aPeerBeatingRegularlyIsAvailable() {
    PhiAccrualDetector d = detectorWithBeatsEvery(1000, 20);
    long last = 19 * 1000;
    assertThat(d.isAvailable(PEER, last + 900)).isTrue();
    assertThat(d.phi(PEER, last + 500)).isLessThan(1.0);
  }

  @Test
  void suspicionGrowsWithSilenceUntilThePeerIsDown() {
    PhiAccrualDetector d = detectorWithBeatsEvery(1000, 20);
    long last = 19 * 1000;
    double previous = -1;
    for (long silence = 0; silence <= 10_000; silence += 500) {
      double phi = d.phi(PEER, last + silence);
      assertThat(phi).isGreaterThanOrEqualTo(previous);
      previous = phi;
    }
    assertThat(d.isAvailable(PEER, last + 10_000)).isFalse();
    d.heartbeat(PEER, last + 10_000);
    assertThat(d.isAvailable(PEER, last + 10_500)).isTrue(); // back after one beat
  }

  @Test
  void aJitteryPeerIsGivenMoreSlackThanARegularOne() {
    PhiAccrualDetector regular = detectorWithBeatsEvery(1000, 50);
    PhiAccrualDetector jittery = new PhiAccrualDetector(8.0, 100, 100, 1000);
    long t = 0;
    for (int i = 0; i < 50; i++) {
      t += i % 2 == 0 ? 400 : 1600;
      jittery.heartbeat(PEER, t);
    }
    assertThat(jittery.phi(PEER, t + 2500)).isLessThan(regular.phi(PEER, 49 * 1000 + 2500));
  }

  @Test
  void aPeerNeverHeardFromCountsAsUp() {
    assertThat(new PhiAccrualDetector(8, 10, 100, 1000).isAvailable(PEER, 1_000_000)).isTrue();
  }

  @Test
  void aSilenceLongerThanTheBoundRestartsThePeersHistory() {
    PhiAccrualDetector bounded = new PhiAccrualDetector(8.0, 1000, 100, 1000, 2000);
    PhiAccrualDetector fresh = new PhiAccrualDetector(8.0, 1000, 100, 1000, 2000);
    for (int i = 0; i < 30; i++) {
      bounded.heartbeat(PEER, i * 1000L);
    }
    long back = 29_000 + 30_000; // a 30 s partition
    for (int i = 0; i < 20; i++) {
      bounded.heartbeat(PEER, back + i * 1000L);
      fresh.heartbeat(PEER, back + i * 1000L);
    }
    long last = back + 19_000;
    // as if the peer were new when it came back: nothing of the long silence (nor before it) is kept
    for (long silence = 0; silence <= 5000; silence += 250) {
      assertThat(bounded.phi(PEER, last + silence)).isEqualTo(fresh.phi(PEER, last + silence));
    }
    assertThat(bounded.isAvailable(PEER, last + 2500)).isFalse();
  }

  @Test
  void aGapWithinTheBoundIsLearned() {
    PhiAccrualDetector d = new PhiAccrualDetector(8.0, 100, 100, 1000, 5000);
    PhiAccrualDetector regular = new PhiAccrualDetector(8.0, 100, 100, 1000, 5000);
    long t = 0;
    for (int i = 0; i < 20; i++) {
      t += i % 5 == 4 ? 4000 : 1000; // slow but alive: some gaps of 4 s
      d.heartbeat(PEER, t);
      regular.heartbeat(PEER, i * 1000L);
    }
    assertThat(d.phi(PEER, t + 3000)).isLessThan(regular.phi(PEER, 19_000 + 3000));
  }

  @Test
  void theDefaultBoundIsTwoIntervalsAndAtLeastTwoSeconds() {
    assertThat(PhiAccrualDetector.defaultMaxIntervalMillis(1000)).isEqualTo(2000);
    assertThat(PhiAccrualDetector.defaultMaxIntervalMillis(100)).isEqualTo(2000);
    assertThat(PhiAccrualDetector.defaultMaxIntervalMillis(1500)).isEqualTo(3000);
    assertThatThrownBy(() -> new PhiAccrualDetector(8, 10, 100, 1000, 1000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
