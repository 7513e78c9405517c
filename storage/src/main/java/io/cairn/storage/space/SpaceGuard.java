package io.cairn.storage.space;

import io.cairn.storage.InsufficientStorageException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Refuses writes that would leave less than {@code minFreeBytes} usable on the storage volume, so
 * the volume never fills up under the memory-mapped maps (a page Chronicle cannot allocate is a
 * SIGBUS that kills the process, and a map file half created on a full disk cannot be opened).
 * Reads and deletes are never refused.
 */
public final class SpaceGuard {

  /** The setting that holds the reserve (named in every refusal). */
  public static final String SETTING = "storage.min-free-bytes";
  /** The default reserve: see docs/configuration.md for why this much. */
  public static final long DEFAULT_MIN_FREE_BYTES = 256L * 1024 * 1024;

  private final Path directory;
  private final DiskSpace space;
  private final long minFreeBytes;

  public SpaceGuard(Path directory, DiskSpace space, long minFreeBytes) {
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException(SETTING + " must be >= 0, was " + minFreeBytes);
    }
    this.directory = Objects.requireNonNull(directory, "directory");
    this.space = Objects.requireNonNull(space, "space");
    this.minFreeBytes = minFreeBytes;
  }

  /**
   * Passes if {@code bytes} more can be written and still leave the reserve free.
   *
   * @throws InsufficientStorageException otherwise, before anything is written
   */
  public void check(long bytes) {
    long free = space.usableBytes();
    long needed = bytes + minFreeBytes;
    if (free < needed) {
      throw new InsufficientStorageException(directory, free, needed, SETTING);
    }
  }

  /** Usable bytes on the volume, as last sampled (for gauges). */
  public long freeBytes() {
    return space.usableBytes();
  }

  public long minFreeBytes() {
    return minFreeBytes;
  }

  public Path directory() {
    return directory;
  }
}
