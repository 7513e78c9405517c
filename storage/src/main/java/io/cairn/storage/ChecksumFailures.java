package io.cairn.storage;

import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and reports stored objects whose checksum did not match ({@link ChecksummedValue}). Each
 * is reported once: the engine removes a corrupt entry when it finds it, so the key is simply
 * missing from then on, as on a replica that never received it.
 */
public final class ChecksumFailures {

  private static final Logger log = LoggerFactory.getLogger(ChecksumFailures.class);

  private final String store;
  private final LongAdder count = new LongAdder();

  /** @param store names the store in log lines (its directory, or what it is) */
  public ChecksumFailures(String store) {
    this.store = store;
  }

  /** Records one corrupt object of {@code partition} found by {@code operation} (get, update, scan). */
  public void found(int partition, byte[] encodedKey, String operation) {
    found("partition " + partition + ", key " + KeyCodec.describe(encodedKey), operation);
  }

  /** Records one corrupt object, {@code what} saying which (partition and key, as text). */
  public void found(String what, String operation) {
    count.increment();
    log.warn("checksum mismatch in {}, {} (found by {}): the stored copy is corrupt and was dropped; it counts as "
            + "missing, and read repair or anti-entropy restores it from the other replicas", store, what, operation);
  }

  /** Corrupt objects found so far. */
  public long count() {
    return count.sum();
  }
}
