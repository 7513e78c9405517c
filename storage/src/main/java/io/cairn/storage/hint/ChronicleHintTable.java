package io.cairn.storage.hint;

import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.InsufficientStorageException;
import io.cairn.storage.StorageException;
import io.cairn.storage.chronicle.RecoveryReport;
import io.cairn.storage.files.ChronicleMapHeader;
import io.cairn.storage.files.DurableFiles;
import io.cairn.storage.space.SpaceGuard;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HintTable} in a persisted Chronicle Map: encoded address to encoded record, in a
 * memory-mapped file, so hints survive a crash of the process (not necessarily a power loss: the
 * kernel writes the pages back in its own time).
 *
 * <p>A marker file written on close and deleted on open tells whether the last run ended cleanly;
 * if not, the map is opened with Chronicle's recovery, which repairs segments whose locks or
 * counters a killed process left behind.
 */
final class ChronicleHintTable implements HintTable {

  static final String FILE_NAME = "hints.dat";
  static final String CLEAN_SHUTDOWN_MARKER = "hints.clean";

  private static final Logger log = LoggerFactory.getLogger(ChronicleHintTable.class);

  private final Path directory;
  private final ChronicleMap<byte[], byte[]> map;
  private final boolean recovered;
  private final SpaceGuard space;

  private ChronicleHintTable(Path directory, ChronicleMap<byte[], byte[]> map, boolean recovered, SpaceGuard space) {
    this.directory = directory;
    this.map = map;
    this.recovered = recovered;
    this.space = space;
  }

  static ChronicleHintTable open(Path directory, HintMapGeometry geometry, SpaceGuard space, Clock clock) {
    Path file = directory.resolve(FILE_NAME);
    try {
      Files.createDirectories(directory);
      if (Files.exists(file) && !ChronicleMapHeader.initialized(file)) {
        // its creation was cut short (a full disk, a crash): it never held a hint, and opening it
        // would stall the start for a minute
        Path aside = ChronicleMapHeader.moveAside(file, clock);
        log.error("hint store {} was never completely initialized and holds no hints; moved it aside to {}"
            + " (delete it to reclaim its space)", file, aside);
      }
      // deleted before the map is touched: a crash from here on must look unclean at the next open
      boolean clean = DurableFiles.deleteDurably(directory.resolve(CLEAN_SHUTDOWN_MARKER));
      boolean recover = !clean && Files.exists(file);
      ChronicleMapBuilder<byte[], byte[]> builder = builder(geometry);
      ChronicleMap<byte[], byte[]> map;
      if (recover) {
        log.warn("hint store {} was not closed cleanly; recovering it", file);
        RecoveryReport report = new RecoveryReport("hint store " + file);
        map = builder.recoverPersistedTo(file.toFile(), true, report);
        log.warn("hint store {} recovered: {} stale bookkeeping records fixed, {} hints possibly lost",
            file, report.findings() - report.possibleLosses(), report.possibleLosses());
      } else if (Files.exists(file)) {
        map = builder.createPersistedTo(file.toFile());
      } else {
        // built under a temporary name and renamed once complete, so no half-made file is ever found
        space.check(geometry.entries() * (long) (geometry.averageKeyBytes() + geometry.averageValueBytes()));
        Path tmp = directory.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        ChronicleMap<byte[], byte[]> created;
        try {
          created = builder.createPersistedTo(tmp.toFile());
        } catch (IOException | RuntimeException e) {
          Files.deleteIfExists(tmp);
          throw e;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        // opened again under its final name: Chronicle finds the file by path when it adds tiers
        created.close();
        map = builder.createPersistedTo(file.toFile());
      }
      return new ChronicleHintTable(directory, map, recover, space);
    } catch (InsufficientStorageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new StorageException("cannot open the hint store " + file + ": " + e.getMessage(), e);
    }
  }

  private static ChronicleMapBuilder<byte[], byte[]> builder(HintMapGeometry geometry) {
    return ChronicleMapBuilder.of(byte[].class, byte[].class)
        .name("cairn-hints")
        .entries(geometry.entries())
        .averageKeySize(geometry.averageKeyBytes())
        .averageValueSize(geometry.averageValueBytes())
        .actualSegments(geometry.segments())
        .maxBloatFactor(geometry.maxBloatFactor());
  }

  boolean recovered() {
    return recovered;
  }

  File file() {
    return directory.resolve(FILE_NAME).toFile();
  }

  @Override
  public StoredHint get(HintAddress address) {
    byte[] record = map.get(HintCodec.encodeAddress(address));
    return record == null ? null : HintCodec.decodeRecord(record);
  }

  @Override
  public void put(HintAddress address, StoredHint hint) {
    byte[] key = HintCodec.encodeAddress(address);
    byte[] record = HintCodec.encodeRecord(hint);
    space.check((long) key.length + record.length); // refused before the mapped file is touched
    try {
      map.put(key, record);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // Chronicle's "no extra tier left" and "entry is too large"; the old entry stays as it was
      throw new NoRoomException(e);
    }
  }

  @Override
  public void remove(HintAddress address) {
    map.remove(HintCodec.encodeAddress(address));
  }

  @Override
  public void visit(NodeId target, Predicate<Hint> visitor) {
    byte[] targetBytes = HintCodec.targetBytes(target);
    map.forEachEntryWhile(entry -> {
      byte[] address = entry.key().get();
      if (!HintCodec.isFor(address, targetBytes)) {
        return true;
      }
      HintAddress decoded = HintCodec.decodeAddress(address);
      return visitor.test(HintCodec.decodeRecord(entry.value().get()).toHint(decoded));
    });
  }

  /** Visits every hint; drops, with a warning, entries that no longer decode. */
  @Override
  public void forEach(BiConsumer<HintAddress, StoredHint> action) {
    List<byte[]> malformed = new ArrayList<>();
    map.forEachEntry(entry -> {
      byte[] address = entry.key().get();
      try {
        action.accept(HintCodec.decodeAddress(address), HintCodec.decodeRecord(entry.value().get()));
      } catch (StorageException e) {
        malformed.add(address);
        log.warn("dropping a malformed hint from {}: {}", file(), e.getMessage());
      }
    });
    // a hint is a shortcut for repair, not the only copy of a write: anti-entropy covers the loss
    malformed.forEach(map::remove);
  }

  @Override
  public void close() {
    map.close();
    try {
      DurableFiles.writeAtomically(directory.resolve(CLEAN_SHUTDOWN_MARKER), new byte[0]);
    } catch (IOException e) {
      // the next open recovers the map, which is slower but safe
      log.warn("could not mark the hint store {} as cleanly closed: {}", file(), e.getMessage());
    }
  }
}
