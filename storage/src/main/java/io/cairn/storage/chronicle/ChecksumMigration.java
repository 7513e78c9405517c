package io.cairn.storage.chronicle;

import io.cairn.storage.ChecksummedValue;
import io.cairn.storage.StorageException;
import io.cairn.storage.files.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a storage directory to the checksummed value format ({@link ChecksummedValue}) once.
 *
 * <p>The file {@code <storage>/format} says the maps hold framed values. A directory without it but
 * with maps was written before values carried checksums: each map is copied, every value framed,
 * into {@code p<N>-e<M>.cmap.framed} and flushed; then the marker is written durably; then each
 * framed copy is renamed over its map. A crash before the marker leaves the old maps untouched (the
 * copies are deleted and the migration starts again); a crash after it leaves complete copies,
 * whose renames the next start finishes. A map is thus never framed twice nor read unframed (and a
 * map whose every value already verifies, should the format file be lost, is not framed again: a
 * value written unframed passes the check by chance once in 2^32).
 * The migration needs free space for a second copy of the maps while it runs.
 */
final class ChecksumMigration {

  static final String FORMAT_FILE = "format";
  static final String FORMAT = "checksummed-values-1";
  static final String FRAMED_SUFFIX = ".framed";

  private static final Logger log = LoggerFactory.getLogger(ChecksumMigration.class);

  private ChecksumMigration() {}

  /**
   * Makes every map in {@code mapsDir} hold framed values; returns the recovery reports of legacy
   * maps opened with {@code recover} (a crash before the migration).
   */
  static List<RecoveryReport> ensure(Path storageDir, Path mapsDir, ChronicleStorageConfig config, boolean recover) {
    Path marker = storageDir.resolve(FORMAT_FILE);
    try {
      Optional<String> format = Files.exists(marker) ? Optional.of(Files.readString(marker).trim()) : Optional.empty();
      if (format.isPresent()) {
        if (!format.get().equals(FORMAT)) {
          throw new StorageException("storage directory " + storageDir + " has format '" + format.get() + "' in "
              + marker + "; this version reads '" + FORMAT + "' only: start the version that wrote it");
        }
        finishRenames(mapsDir);
        return List.of();
      }
      deleteFramedCopies(mapsDir); // an interrupted migration: the maps themselves are untouched
      List<Path> legacy = maps(mapsDir);
      List<RecoveryReport> reports = new ArrayList<>();
      if (!legacy.isEmpty()) {
        log.info("storage {} holds {} partition maps without value checksums; adding them (once)", storageDir,
            legacy.size());
        for (Path map : legacy) {
          RecoveryReport report = copyFramed(map, config, recover);
          if (report != null) {
            reports.add(report);
          }
        }
        DurableFiles.fsyncDirectory(mapsDir);
      }
      DurableFiles.writeAtomically(marker, (FORMAT + "\n").getBytes(StandardCharsets.US_ASCII));
      finishRenames(mapsDir);
      if (!legacy.isEmpty()) {
        log.info("storage {}: value checksums added to {} partition maps", storageDir, legacy.size());
      }
      return reports;
    } catch (IOException e) {
      throw new StorageException("cannot bring storage " + storageDir + " to the checksummed format: " + e.getMessage()
          + "; the maps are unchanged until the format file is written, so a restart retries", e);
    }
  }

  private static RecoveryReport copyFramed(Path file, ChronicleStorageConfig config, boolean recover) {
    Matcher m = ChronicleMapEngine.MAP_FILE.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalStateException("not a map file: " + file);
    }
    int partition = Integer.parseInt(m.group(1));
    long entries = Long.parseLong(m.group(2));
    Path copy = file.resolveSibling(file.getFileName() + FRAMED_SUFFIX);
    PartitionMap old = PartitionMap.open(partition, entries, file, config, recover);
    try {
      PartitionMap framed = PartitionMap.open(partition, entries, copy, config, false);
      try {
        // a map whose every value already verifies was framed before (its format file was lost):
        // framing it again would hide each value behind a valid checksum of checksum and value
        long[] verifying = new long[2];
        old.map.forEachEntry(e -> {
          verifying[0]++;
          if (ChecksummedValue.unframe(e.key().get(), e.value().get()) != null) {
            verifying[1]++;
          }
        });
        boolean alreadyFramed = verifying[0] > 0 && verifying[1] == verifying[0];
        if (alreadyFramed) {
          log.warn("{} already holds checksummed values although {} is missing; copied as it is", file, FORMAT_FILE);
        }
        old.map.forEachEntry(e -> {
          byte[] key = e.key().get();
          byte[] value = e.value().get();
          framed.map.put(key, alreadyFramed ? value : ChecksummedValue.frame(key, value));
        });
      } finally {
        framed.map.close();
      }
      framed.force();
    } finally {
      old.map.close();
    }
    return old.recovery;
  }

  private static void finishRenames(Path mapsDir) throws IOException {
    List<Path> copies = framedCopies(mapsDir);
    for (Path copy : copies) {
      String name = copy.getFileName().toString();
      Path target = copy.resolveSibling(name.substring(0, name.length() - FRAMED_SUFFIX.length()));
      Files.move(copy, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    if (!copies.isEmpty()) {
      DurableFiles.fsyncDirectory(mapsDir);
    }
  }

  private static void deleteFramedCopies(Path mapsDir) throws IOException {
    for (Path copy : framedCopies(mapsDir)) {
      Files.delete(copy);
    }
  }

  private static List<Path> maps(Path mapsDir) throws IOException {
    try (Stream<Path> s = Files.list(mapsDir)) {
      return s.filter(p -> ChronicleMapEngine.MAP_FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
    }
  }

  private static List<Path> framedCopies(Path mapsDir) throws IOException {
    try (Stream<Path> s = Files.list(mapsDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".cmap" + FRAMED_SUFFIX)).sorted().toList();
    }
  }
}
