package io.cairn.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Bugs of tombstone reaping the simulator found once its clients also deleted (short grace periods
 * make reaping frequent). Each seed failed before its fix and passes after it.
 */
class ReapRegressionTest {

  /**
   * Seed 827: a fallback kept a hint written before a delete; the tombstone was reaped on every
   * primary; the hint was delivered afterwards and the deleted value came back (resurrected). Fixed
   * in the reaper, which now asks every node whether it holds a hint of the key before reaping.
   */
  @Test
  void seed827StaleHintDoesNotResurrectAReapedValue() {
    SimResult r = Simulation.run(827);
    assertThat(r.valid("register")).as(r.resultsEdn()).isTrue();
    assertThat(r.valid()).as(r.resultsEdn()).isTrue();
  }

  /**
   * Seed 1938: after a reap, a new write to the key started its dots at 1 again — a dot the reaped
   * tombstone's clock covered. A stale copy of that tombstone (spread again by anti-entropy from a
   * replica that had not yet reaped) then dominated the new, acknowledged write: lost. Fixed by a
   * node-wide dot counter that never repeats (storage's DotLease).
   */
  @Test
  void seed1938NewWritesAfterAReapAreNotCoveredByTheOldTombstone() {
    SimResult r = Simulation.run(1938);
    assertThat(r.valid("register")).as(r.resultsEdn()).isTrue();
    assertThat(r.valid()).as(r.resultsEdn()).isTrue();
  }

  /**
   * Seed 2811: in mmap mode a primary held the tombstone only in its page cache when every primary
   * confirmed it and the key was reaped; a power loss on that primary then brought back its disk's
   * older copy of the deleted value, and anti-entropy spread it (resurrected). Fixed by confirming
   * only a tombstone forced to disk (ReapCheck).
   */
  @Test
  void seed2811PowerLossAfterAReapDoesNotReviveTheDeletedValue() {
    SimResult r = Simulation.run(2811);
    assertThat(r.valid("register")).as(r.resultsEdn()).isTrue();
    assertThat(r.valid()).as(r.resultsEdn()).isTrue();
  }
}
