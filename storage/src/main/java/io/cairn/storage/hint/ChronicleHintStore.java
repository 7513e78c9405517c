package io.cairn.storage.hint;

import io.cairn.storage.space.DiskSpace;
import io.cairn.storage.space.SpaceGuard;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BinaryOperator;

/**
 * Hints in a Chronicle Map file, {@code <directory>/hints.dat}: they survive a crash of the process
 * (the file is memory-mapped) and a restart; the counts are rebuilt by a scan when the store opens.
 *
 * <p>The map is sized from the {@link HintStoreConfig} so that everything the byte bound admits
 * fits (see {@link HintMapGeometry}); sizing changes apply to a new file only, since an existing
 * file keeps the layout it was created with. The node process must hold the directory exclusively.
 */
public final class ChronicleHintStore extends BoundedHintStore {

  private final ChronicleHintTable table;

  private ChronicleHintStore(
      ChronicleHintTable table, HintStoreConfig config, BinaryOperator<byte[]> merge, Clock clock) {
    super(table, config, merge, clock);
    this.table = table;
  }

  /**
   * Opens, or creates, the hint store in {@code directory}.
   *
   * @param merge combines a stored hint's object with a newer one for the same key: {@code
   *     merge(stored, added)}; must not return null
   */
  public static ChronicleHintStore open(
      Path directory, HintStoreConfig config, BinaryOperator<byte[]> merge, Clock clock) {
    return open(directory, config, merge, clock,
        new SpaceGuard(directory, DiskSpace.of(directory), SpaceGuard.DEFAULT_MIN_FREE_BYTES));
  }

  /**
   * As {@link #open(Path, HintStoreConfig, BinaryOperator, Clock)}, refusing new hints with {@code
   * InsufficientStorageException} while {@code space} says the volume is (nearly) full.
   */
  public static ChronicleHintStore open(
      Path directory, HintStoreConfig config, BinaryOperator<byte[]> merge, Clock clock, SpaceGuard space) {
    return open(directory, config, HintMapGeometry.forConfig(config), merge, clock, space);
  }

  static ChronicleHintStore open(
      Path directory,
      HintStoreConfig config,
      HintMapGeometry geometry,
      BinaryOperator<byte[]> merge,
      Clock clock) {
    return open(directory, config, geometry, merge, clock,
        new SpaceGuard(directory, DiskSpace.of(directory), SpaceGuard.DEFAULT_MIN_FREE_BYTES));
  }

  /** With an explicit map layout: lets tests make a map smaller than the bound needs. */
  static ChronicleHintStore open(
      Path directory,
      HintStoreConfig config,
      HintMapGeometry geometry,
      BinaryOperator<byte[]> merge,
      Clock clock,
      SpaceGuard space) {
    ChronicleHintTable table = ChronicleHintTable.open(directory, geometry, space, clock);
    try {
      return new ChronicleHintStore(table, config, merge, clock);
    } catch (RuntimeException e) {
      table.close();
      throw e;
    }
  }

  /** Whether the previous run did not close the store, so the file went through recovery. */
  public boolean recoveredFromUncleanShutdown() {
    return table.recovered();
  }
}
