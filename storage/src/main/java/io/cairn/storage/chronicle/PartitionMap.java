package io.cairn.storage.chronicle;

import io.cairn.storage.StorageException;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * One partition's Chronicle Map file: {@code p<partition>-e<entries>.cmap}, where {@code entries} is
 * what this generation of the file was sized for. Growing writes a new generation twice the size
 * next to it (as {@code .tmp} until complete), so a crash mid-growth leaves the old file intact.
 */
final class PartitionMap {

  /** Headroom Chronicle may use beyond the sized entries (extra segment tiers) before it refuses. */
  static final double MAX_BLOAT_FACTOR = 4.0;

  final int partition;
  final long entries;
  final Path file;
  final ChronicleMap<byte[], byte[]> map;
  /** What crash recovery found when this map was opened; null if it was not recovered. */
  final RecoveryReport recovery;

  private PartitionMap(int partition, long entries, Path file, ChronicleMap<byte[], byte[]> map,
      RecoveryReport recovery) {
    this.partition = partition;
    this.entries = entries;
    this.file = file;
    this.map = map;
    this.recovery = recovery;
  }

  static Path fileFor(Path dir, int partition, long entries) {
    return dir.resolve("p" + partition + "-e" + entries + ".cmap");
  }

  /**
   * Creates a new map at {@code file}: built as {@code <file>.tmp} and renamed into place once
   * Chronicle has finished initializing it, so that a failure half-way (a full disk, a crash) never
   * leaves a map file at a final name that the next start cannot open.
   */
  static PartitionMap create(int partition, long entries, Path file, ChronicleStorageConfig config) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(tmp);
      PartitionMap created;
      try {
        created = open(partition, entries, tmp, config, false);
      } catch (RuntimeException e) {
        Files.deleteIfExists(tmp); // whatever Chronicle managed to write is of no use
        throw e;
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return reopenedAt(created, file, config);
    } catch (IOException e) {
      throw new StorageException("cannot create partition map " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A generous estimate of the disk space a new map for {@code entries} takes: Chronicle allocates
   * the whole main segment area at creation (measured: about 1.15 times entries times the average
   * entry, plus a header).
   */
  static long estimatedBytes(long entries, ChronicleStorageConfig config) {
    long perEntry = (long) config.averageKeyBytes() + config.averageValueBytes();
    return effectiveEntries(entries, config) * perEntry * 5 / 4 + 64 * 1024;
  }

  /**
   * Creates or opens (after a clean shutdown) the map in {@code file}; with {@code recover}, an
   * existing file is opened with Chronicle's crash recovery, whose findings go to {@link #recovery}.
   */
  static PartitionMap open(int partition, long entries, Path file, ChronicleStorageConfig config, boolean recover) {
    ChronicleMapBuilder<byte[], byte[]> builder = builder(partition, entries, config);
    File f = file.toFile();
    RecoveryReport recovery = recover && f.exists() ? new RecoveryReport("partition " + partition) : null;
    try {
      ChronicleMap<byte[], byte[]> map =
          recovery != null ? builder.recoverPersistedTo(f, true, recovery) : builder.createPersistedTo(f);
      return new PartitionMap(partition, entries, file, map, recovery);
    } catch (IOException | RuntimeException e) {
      throw unopenable(partition, file, recovery != null ? "recover" : "open", e);
    }
  }

  /** What an operator appends to a map file's name to set it aside (see {@link #unopenable}). */
  static final String SET_ASIDE_SUFFIX = ".corrupt";

  /**
   * The start-up error for a map Chronicle cannot open: which partition and file, what was found,
   * and the way out, since a node refuses to start on it (it would otherwise serve that partition
   * empty without knowing it). A file set aside makes the engine report lost writes, so the node
   * takes a new replica epoch: its later writes must not claim to have seen the ones it forgot.
   */
  static StorageException unopenable(int partition, Path file, String verb, Exception cause) {
    return new StorageException("cannot " + verb + " the map of partition " + partition + ", file " + file + ": "
        + cause + ". If the file is damaged: stop the node, rename it to " + file.getFileName() + SET_ASIDE_SUFFIX
        + " and start the node again; the partition then starts empty on this node, the node takes a new replica "
        + "epoch, and read repair and anti-entropy refill the partition from its other replicas. Once the node "
        + "runs, move the .corrupt file out of " + file.getParent() + " (keep it for inspection)", cause);
  }

  /**
   * Sizes a map so that Chronicle's own limits never bite first: one segment tier must hold the
   * largest value (Chronicle refuses an entry bigger than a tier), so small maps get one segment and
   * the sizing never drops below what one max-size value needs.
   */
  static ChronicleMapBuilder<byte[], byte[]> builder(int partition, long entries, ChronicleStorageConfig config) {
    long sized = effectiveEntries(entries, config);
    long totalBytes = sized * ((long) config.averageKeyBytes() + config.averageValueBytes());
    int segments = (int) Math.max(1, Long.highestOneBit(Math.max(1, totalBytes / (4L * config.maxValueBytes()))));
    return ChronicleMap.of(byte[].class, byte[].class)
        .name("cairn-p" + partition)
        .averageKeySize(config.averageKeyBytes())
        .averageValueSize(config.averageValueBytes())
        .entries(sized)
        .actualSegments(segments)
        .maxBloatFactor(MAX_BLOAT_FACTOR);
  }

  /**
   * The entries a map asked to hold {@code requested} is really sized for: never fewer than what
   * one tier holding a {@code maxValueBytes} object implies. The first generation of a partition is
   * named with this number, so growth starts when that space — not a smaller nominal figure — is used.
   */
  static long effectiveEntries(long requested, ChronicleStorageConfig config) {
    long perEntry = (long) config.averageKeyBytes() + config.averageValueBytes();
    long forOneMaxValue = (long) Math.ceil(2.5 * (config.maxValueBytes() + config.averageKeyBytes()) / perEntry);
    return Math.max(requested, forOneMaxValue);
  }

  /**
   * The map built under a temporary name, closed and opened again under its final one: Chronicle
   * looks its file up by path when it later extends it (extra tiers), and the temporary path is gone.
   */
  private static PartitionMap reopenedAt(PartitionMap built, Path file, ChronicleStorageConfig config) {
    built.map.close();
    return open(built.partition, built.entries, file, config, false);
  }

  /** Whether this generation has reached the entries it was sized for (time to grow). */
  boolean full() {
    return map.size() >= entries;
  }

  /**
   * A new generation twice as large holding the same entries. The caller holds the partition's
   * exclusive lock; the old map is closed and its file deleted once the new one is complete.
   */
  PartitionMap grow(ChronicleStorageConfig config, boolean forceToDisk) {
    long next = entries * 2;
    Path target = fileFor(file.getParent(), partition, next);
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(tmp);
      PartitionMap bigger;
      try {
        bigger = open(partition, next, tmp, config, false);
      } catch (RuntimeException e) {
        Files.deleteIfExists(tmp); // the old generation stays in use, intact
        throw e;
      }
      try {
        map.forEachEntry(e -> bigger.map.put(e.key().get(), e.value().get()));
      } catch (RuntimeException e) {
        bigger.map.close();
        Files.deleteIfExists(tmp);
        throw e;
      }
      if (forceToDisk) {
        force(tmp);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      map.close();
      Files.deleteIfExists(file);
      return reopenedAt(bigger, target, config);
    } catch (IOException e) {
      throw new StorageException("cannot grow partition map " + file + ": " + e.getMessage(), e);
    }
  }

  /** Flushes the map's dirty pages to disk (fsync of the file also writes back mmap'd pages on Linux). */
  void force() {
    force(file);
  }

  private static void force(Path path) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ch.force(true);
    } catch (IOException e) {
      throw new StorageException("cannot flush " + path + ": " + e.getMessage(), e);
    }
  }

  void closeAndDelete() {
    map.close();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StorageException("cannot delete " + file + ": " + e.getMessage(), e);
    }
  }
}
