package io.cairn.storage.chronicle;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import net.openhft.chronicle.hash.ChronicleHashCorruption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Chronicle's {@code recoverPersistedTo} found in one map, passed to it as its corruption
 * listener. Without one, Chronicle logs every finding at ERROR, though after a kill -9 nearly all
 * are stale bookkeeping that recovery rewrites from the data itself (a segment lock still held, a
 * free-space hint or entry counter not updated): the map comes back whole. Those are logged here at
 * WARN. Only findings about entries themselves (an unreadable or misplaced entry, which recovery
 * drops, or a duplicate, of which it keeps one) may have lost data; those are logged at ERROR and
 * counted apart. A message this class does not know counts as a possible loss, to be safe.
 *
 * <p>Recovery of one map runs on one thread; the counts are atomic only so that they may be read
 * from another.
 */
public final class RecoveryReport implements ChronicleHashCorruption.Listener {

  private static final Logger log = LoggerFactory.getLogger(RecoveryReport.class);

  /**
   * Starts of the messages (Chronicle Map 3 / 2026.x) for findings that concern only bookkeeping
   * which recovery recomputes from the entries, lower-cased.
   */
  private static final List<String> BOOKKEEPING = List.of(
      "wrong lowest free chunk for tier",
      "wrong number of entries counter for tier",
      "wrong deleted counter for tier",
      "lock of segment",
      "global mutable state lock of map",
      "wrong first free tier index",
      "wrong number of actual tiers in use",
      "wrong segment index stored in tier counters area",
      "data store size of map",
      "segment headers offset of map");

  private final String what;
  private final AtomicInteger findings = new AtomicInteger();
  private final AtomicInteger possibleLosses = new AtomicInteger();

  /** @param what the map, as an operator should read it, e.g. {@code "partition 17"} */
  public RecoveryReport(String what) {
    this.what = what;
  }

  @Override
  public void onCorruption(ChronicleHashCorruption c) {
    findings.incrementAndGet();
    String message = c.message();
    String cause = c.exception() == null ? "" : " (" + c.exception() + ")";
    if (isBookkeeping(message)) {
      log.warn("{}: crash recovery fixed stale bookkeeping in segment {}: {}{}",
          what, c.segmentIndex(), message, cause);
    } else {
      possibleLosses.incrementAndGet();
      log.error("{}: crash recovery could not keep an entry in segment {}: {}{}",
          what, c.segmentIndex(), message, cause);
    }
  }

  static boolean isBookkeeping(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return BOOKKEEPING.stream().anyMatch(m::startsWith);
  }

  /** The map, as given at construction. */
  public String what() {
    return what;
  }

  /** Every finding Chronicle reported. */
  public int findings() {
    return findings.get();
  }

  /** Findings that may mean an entry was lost (dropped, or one of two copies discarded). */
  public int possibleLosses() {
    return possibleLosses.get();
  }
}
