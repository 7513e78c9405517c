package io.cairn.storage;

import java.nio.file.Path;

/**
 * A write refused because the storage volume is (nearly) full. Refused before anything was written,
 * so the store is unchanged; reads keep working. The node answers 507 Insufficient Storage.
 *
 * <p>Refused <em>before</em> the disk is full, not when it is: Chronicle maps are memory-mapped
 * sparse files, and a write into a page the file system cannot allocate raises SIGBUS, which kills
 * the whole process.
 */
public final class InsufficientStorageException extends StorageException {

  /** How every refusal's message starts. */
  public static final String PREFIX = "insufficient storage: ";

  private final transient Path path;
  private final long freeBytes;
  private final long neededBytes;
  private final String setting;

  /**
   * @param path the directory whose volume is short of space
   * @param freeBytes usable bytes on that volume when the write was refused
   * @param neededBytes what the write needs free: its own bytes plus the reserve
   * @param setting the setting that holds the reserve
   */
  public InsufficientStorageException(Path path, long freeBytes, long neededBytes, String setting) {
    super(PREFIX + path + " has " + freeBytes + " bytes free, " + neededBytes
        + " needed (the write's size plus the reserve " + setting + ")");
    this.path = path;
    this.freeBytes = freeBytes;
    this.neededBytes = neededBytes;
    this.setting = setting;
  }

  public Path path() {
    return path;
  }

  public long freeBytes() {
    return freeBytes;
  }

  public long neededBytes() {
    return neededBytes;
  }

  public String setting() {
    return setting;
  }
}
