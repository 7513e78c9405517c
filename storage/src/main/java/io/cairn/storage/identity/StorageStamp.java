package io.cairn.storage.identity;

import io.cairn.storage.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Tells whether the storage directory is the one the replica identity last ran with. A random token
 * is kept twice: in the storage directory (the stamp) and in the data directory beside the identity
 * (the record). Both are renewed at every start and at every clean stop, so any other storage
 * directory — an old copy restored from a backup, a volume swapped in from elsewhere, an empty one
 * after a lost disk — carries a stamp that differs from the record, or none at all.
 *
 * <p>Why it matters: an old copy of the storage looks clean to the engine, yet it lacks writes this
 * node's actor dotted after the copy was taken. A new write minted under that actor would claim to
 * have seen them, and every replica would drop them (Riak's KV679). A mismatch therefore means data
 * may be lost, and the node takes a new epoch.
 *
 * <p>{@link #renew} writes the storage's stamp first and the record second: a crash between the two
 * leaves them different, which errs toward a new epoch (harmless); the other order could leave a
 * matching record beside a stamp written into the wrong storage. The caller renews only once a new
 * epoch the mismatch called for is durable, for the same reason.
 *
 * <p>What it cannot see: a copy of the <em>whole</em> data directory (identity, dot lease, record and
 * storage together) restored from one backup is consistent with itself. See
 * docs/hints-and-identity.md for the operator's procedure then.
 */
public final class StorageStamp {

  /** The stamp's file name, both in the storage directory and in the data directory. */
  public static final String FILE_NAME = "storage-stamp";

  private static final int TOKEN_BYTES = 16;

  private final DurableCell stamp;
  private final DurableCell record;

  /**
   * @param stamp the token inside the storage directory
   * @param record the token as the data directory recorded it
   */
  public StorageStamp(DurableCell stamp, DurableCell record) {
    this.stamp = stamp;
    this.record = record;
  }

  /** The stamp of {@code storageDir}, recorded in {@code dataDir}. */
  public static StorageStamp files(Path storageDir, Path dataDir) {
    return new StorageStamp(DurableCell.file(storageDir.resolve(FILE_NAME)), DurableCell.file(dataDir.resolve(FILE_NAME)));
  }

  /**
   * Why the storage is not the one the record names, or empty if it is. A node that has no replica
   * identity yet takes a new epoch anyway and need not ask.
   */
  public Optional<String> mismatch() {
    Optional<String> inStorage = stamp.readOrThrow().map(String::strip);
    Optional<String> recorded = record.readOrThrow().map(String::strip);
    if (inStorage.isEmpty()) {
      return Optional.of(recorded.isPresent()
          ? "the storage has no stamp (" + stamp.describe() + "), but " + record.describe() + " recorded one"
          : "the storage has no stamp (" + stamp.describe() + ") and " + record.describe() + " none either");
    }
    if (recorded.isEmpty()) {
      return Optional.of(record.describe() + " records no storage stamp, but the storage has one");
    }
    if (!inStorage.equals(recorded)) {
      return Optional.of("the storage stamp " + inStorage.get() + " differs from " + recorded.get() + " recorded in "
          + record.describe() + " at the last start or clean stop");
    }
    return Optional.empty();
  }

  /**
   * Writes a new token into the storage, then records it; returns it.
   *
   * @throws StorageException if either cannot be written
   */
  public String renew(RandomGenerator random) {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    write(stamp, token);
    write(record, token);
    return token;
  }

  private static void write(DurableCell cell, String token) {
    try {
      cell.write(token + "\n");
    } catch (IOException e) {
      throw new StorageException("cannot write the storage stamp to " + cell.describe() + ": " + e.getMessage(), e);
    }
  }
}
