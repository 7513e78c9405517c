package io.cairn.storage.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A node-wide counter that never hands out the same value twice, not even across crashes: the
 * floor for every new dot's counter (see {@code DvvSet.write}). Without it a key whose tombstone
 * was reaped would start its dots at 1 again, and a stale copy of the old tombstone would cover —
 * and silently drop — the new writes.
 *
 * <p>Values are leased in blocks: before handing out values up to {@code bound}, the bound is
 * written durably (atomic rename and fsync), once per {@link #BLOCK} values. A new lifetime starts
 * at the persisted bound, above everything the previous one handed out. If the file is lost, so is
 * the data directory: the replica's epoch changes then, and with it the actor, so counters may start
 * over.
 */
public final class DotLease implements LongSupplier {
  public static final String FILE_NAME = "dot-lease";
  static final long BLOCK = 1L << 20;

  private final DurableCell cell;
  private long next;
  private long bound;

  private DotLease(DurableCell cell, long start) {
    this.cell = cell;
    this.next = start;
    this.bound = start;
  }

  /** Opens (or creates) the lease in {@code dataDir}; the first value is above any handed out before. */
  public static DotLease open(Path dataDir) {
    return open(DurableCell.file(dataDir.resolve(FILE_NAME)));
  }

  /** Opens (or creates) the lease kept in {@code cell}. */
  public static DotLease open(DurableCell cell) {
    long start = 1;
    Optional<String> stored = cell.readOrThrow();
    if (stored.isPresent()) {
      try {
        start = Long.parseLong(stored.get().strip());
      } catch (NumberFormatException e) {
        throw new IllegalStateException(cell.describe() + " is damaged: " + e.getMessage()
            + "; remove it together with the identity file only if the data directory was lost", e);
      }
    }
    DotLease lease = new DotLease(cell, start);
    lease.extend();
    return lease;
  }

  @Override
  public synchronized long getAsLong() {
    if (next >= bound) {
      extend();
    }
    return next++;
  }

  private void extend() {
    long newBound = bound + BLOCK;
    try {
      cell.write(Long.toString(newBound));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist " + cell.describe(), e);
    }
    bound = newBound;
  }
}
