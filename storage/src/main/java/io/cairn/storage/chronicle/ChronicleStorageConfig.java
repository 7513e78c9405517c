package io.cairn.storage.chronicle;

import io.cairn.storage.Durability;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Sizing and durability of a {@link ChronicleMapEngine}.
 *
 * @param directory where the partition maps (and, in fsync mode, the write-ahead log) live
 * @param durability what an acknowledged write survives
 * @param initialEntriesPerPartition entries a new partition map is sized for; it doubles online
 *     whenever it fills up, so this only trades initial disk use against early growth
 * @param averageKeyBytes expected encoded (bucket, key) size
 * @param averageValueBytes expected encoded object size
 * @param maxValueBytes the largest object accepted; every map is built so that it can hold one
 */
public record ChronicleStorageConfig(
    Path directory,
    Durability durability,
    long initialEntriesPerPartition,
    int averageKeyBytes,
    int averageValueBytes,
    int maxValueBytes) {

  public static final long DEFAULT_INITIAL_ENTRIES = 1024;
  public static final int DEFAULT_AVERAGE_KEY_BYTES = 48;
  public static final int DEFAULT_AVERAGE_VALUE_BYTES = 1024;
  public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;

  public ChronicleStorageConfig {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(durability, "durability");
    if (initialEntriesPerPartition < 16) {
      throw new IllegalArgumentException("storage.initial-entries-per-partition must be >= 16");
    }
    if (averageKeyBytes < 1 || averageValueBytes < 1) {
      throw new IllegalArgumentException("storage average key and value sizes must be >= 1");
    }
    if (maxValueBytes < averageValueBytes) {
      throw new IllegalArgumentException(
          "storage.max-object-bytes (" + maxValueBytes + ") must be >= storage.average-value-bytes ("
              + averageValueBytes + ")");
    }
  }

  public static ChronicleStorageConfig defaults(Path directory, Durability durability) {
    return new ChronicleStorageConfig(
        directory,
        durability,
        DEFAULT_INITIAL_ENTRIES,
        DEFAULT_AVERAGE_KEY_BYTES,
        DEFAULT_AVERAGE_VALUE_BYTES,
        DEFAULT_MAX_VALUE_BYTES);
  }

  public ChronicleStorageConfig withMaxValueBytes(int max) {
    return new ChronicleStorageConfig(
        directory, durability, initialEntriesPerPartition, averageKeyBytes, averageValueBytes, max);
  }

  public ChronicleStorageConfig withInitialEntries(long entries) {
    return new ChronicleStorageConfig(
        directory, durability, entries, averageKeyBytes, averageValueBytes, maxValueBytes);
  }
}
