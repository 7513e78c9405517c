package io.cairn.protocol.causality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A replica forgets a key when its tombstone is reaped. A stale copy of that tombstone may still
 * arrive later (anti-entropy from a replica that had not reaped yet, a delayed message). New writes
 * must not reuse the dots that old clock covers (simulator seed 1938).
 */
class ReapedKeyDotTest {

  private static final Actor A = Actor.of("a", 1);
  private static final Actor B = Actor.of("b", 1);

  /** v1 written at a (dot a:1), then deleted through b (dot b:1): clock {a:1, b:1}. */
  private static DvvSet<String> oldTombstone() {
    DvvSet<String> history = DvvSet.<String>empty().write(A, VersionVector.empty(), "v1");
    return history.write(B, history.context(), "tombstone");
  }

  @Test
  void restartingTheCounterAfterAReapLetsTheOldTombstoneDropANewWrite() {
    // a reaped the key and forgot it; a new blind write there gets a:1 again
    DvvSet<String> fresh = DvvSet.<String>empty().write(A, VersionVector.empty(), "new");
    // the old clock covers a:1: the acknowledged new write vanishes
    assertThat(fresh.sync(oldTombstone()).values()).containsExactly("tombstone");
  }

  @Test
  void aNodeWideCounterKeepsNewWritesAboveTheForgottenHistory() {
    DvvSet<String> fresh = DvvSet.<String>empty().write(A, VersionVector.empty(), "new", 1_000_001);
    assertThat(fresh.siblings().get(0).dot().counter()).isEqualTo(1_000_001);
    assertThat(fresh.sync(oldTombstone()).values()).containsExactlyInAnyOrder("new", "tombstone");
  }

  @Test
  void theFloorNeverLowersACounter() {
    DvvSet<String> many = DvvSet.<String>empty();
    for (int i = 0; i < 5; i++) {
      many = many.write(A, many.context(), "v" + i);
    }
    DvvSet<String> next = many.write(A, many.context(), "v5", 2);
    assertThat(next.siblings().get(0).dot().counter()).isEqualTo(6);
  }
}
