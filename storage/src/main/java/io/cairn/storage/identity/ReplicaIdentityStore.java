package io.cairn.storage.identity;

import io.cairn.protocol.ring.NodeId;
import io.cairn.storage.StorageException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Keeps a node's {@link ReplicaIdentity} in {@code <dataDir>/identity.properties}.
 *
 * <p>Why an epoch: version vectors count each actor's writes. A node that lost its data but came
 * back under the same actor would count from zero again, and peers that already saw its higher
 * counters would take its new writes for old, already-seen history and drop them (Riak's
 * "KV679"). So whenever a node's data may be lost, it takes a new epoch, which makes it a new actor.
 *
 * <p>A new epoch is {@code max(previous + 1, clock.millis())}. When the identity file is gone with
 * the data (a wiped or replaced disk) the previous epoch is unknown; the wall clock then stands in
 * for it, so the new epoch differs from every earlier one <em>provided the wall clock has not gone
 * back past the moment the old epoch was created</em>. A node whose clock was reset that far after a
 * wipe could reuse an old epoch; operators who replace disks should check the clock first.
 */
public final class ReplicaIdentityStore {

  public static final String FILE_NAME = "identity.properties";

  private static final String FORMAT = "1";

  private ReplicaIdentityStore() {}

  /**
   * The identity to run under, persisted before it is returned.
   *
   * <ul>
   *   <li>no identity file (new or wiped data directory): a new epoch for {@code configured};
   *   <li>a file naming another node: {@link ForeignDataDirectoryException};
   *   <li>a file for this node and {@code dataLost == false}: the stored identity, unchanged;
   *   <li>a file for this node and {@code dataLost == true}: a new epoch.
   * </ul>
   *
   * @param dataLost the caller found that data written under the stored identity may be lost (a
   *     power loss in mmap mode, missing partition files)
   * @throws CorruptIdentityFileException if the file exists but cannot be read or parsed
   */
  public static ReplicaIdentity open(Path dataDir, NodeId configured, Clock clock, boolean dataLost) {
    return open(cell(dataDir), configured, clock, dataLost);
  }

  /** As {@link #open(Path, NodeId, Clock, boolean)}, on the identity kept in {@code cell}. */
  public static ReplicaIdentity open(DurableCell cell, NodeId configured, Clock clock, boolean dataLost) {
    Objects.requireNonNull(configured, "configured");
    Objects.requireNonNull(clock, "clock");
    Optional<ReplicaIdentity> stored = read(cell);
    if (stored.isEmpty()) {
      return write(cell, new ReplicaIdentity(configured, nextEpoch(0, clock)), clock);
    }
    ReplicaIdentity current = stored.get();
    if (!current.node().equals(configured)) {
      throw new ForeignDataDirectoryException(cell.describe(), current.node(), configured);
    }
    if (!dataLost) {
      return current;
    }
    return write(cell, new ReplicaIdentity(configured, nextEpoch(current.epoch(), clock)), clock);
  }

  /**
   * Moves the stored identity to a new epoch, e.g. when an operator knows the data was restored
   * from an old backup.
   *
   * @throws ReplicaIdentityException if there is no identity yet
   */
  public static ReplicaIdentity bump(Path dataDir, Clock clock) {
    DurableCell cell = cell(dataDir);
    ReplicaIdentity current = read(cell).orElseThrow(() -> new ReplicaIdentityException(
        "no replica identity in " + dataDir + " to move to a new epoch; a node creates one when it"
            + " first starts"));
    return write(cell, new ReplicaIdentity(current.node(), nextEpoch(current.epoch(), clock)), clock);
  }

  /** The stored identity, if the file exists. */
  public static Optional<ReplicaIdentity> read(Path dataDir) {
    return read(cell(dataDir));
  }

  /** The identity kept in {@code cell}, if any. */
  public static Optional<ReplicaIdentity> read(DurableCell cell) {
    Optional<String> text;
    try {
      text = cell.read();
    } catch (IOException e) {
      throw new CorruptIdentityFileException(cell.describe(), "cannot read it: " + e.getMessage(), e);
    }
    return text.map(t -> parse(cell.describe(), t));
  }

  private static DurableCell cell(Path dataDir) {
    return DurableCell.file(dataDir.resolve(FILE_NAME));
  }

  private static ReplicaIdentity parse(String file, String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new CorruptIdentityFileException(file, "not a properties file: " + e.getMessage(), e);
    }
    String format = required(file, p, "format");
    if (!FORMAT.equals(format)) {
      throw new CorruptIdentityFileException(file, "unknown format '" + format + "'", null);
    }
    String node = required(file, p, "node");
    String epoch = required(file, p, "epoch");
    try {
      return new ReplicaIdentity(NodeId.of(node), Long.parseLong(epoch));
    } catch (IllegalArgumentException e) {
      throw new CorruptIdentityFileException(file, e.getMessage(), e);
    }
  }

  private static String required(String file, Properties p, String name) {
    String value = p.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new CorruptIdentityFileException(file, "'" + name + "' is missing", null);
    }
    return value.strip();
  }

  private static long nextEpoch(long previous, Clock clock) {
    return Math.max(Math.max(previous + 1, clock.millis()), 1);
  }

  private static ReplicaIdentity write(DurableCell cell, ReplicaIdentity identity, Clock clock) {
    // written by hand rather than Properties.store, whose date comment reads the system clock
    String text = "# Cairn replica identity. Belongs to this data directory only: never copy it to"
        + " another node.\n"
        + "format=" + FORMAT + "\n"
        + "node=" + identity.node() + "\n"
        + "epoch=" + identity.epoch() + "\n"
        + "written-at=" + clock.instant() + "\n";
    try {
      cell.write(text);
    } catch (IOException e) {
      throw new StorageException(
          "cannot write the replica identity " + identity + " to " + cell.describe() + ": " + e.getMessage(), e);
    }
    return identity;
  }
}
