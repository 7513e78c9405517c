package io.cairn.storage;

import java.util.Locale;

/** What an acknowledged write survives. */
public enum Durability {
  /**
   * The maps live in memory-mapped files: a write is in the kernel's page cache when {@code put}
   * returns, so it survives a crash or kill -9 of the process, but not a power loss or kernel crash
   * before the kernel writes the page back. The default.
   */
  MMAP,
  /**
   * Additionally, every write is appended to a write-ahead log that is fsynced (group-committed)
   * before {@code put} returns, so acknowledged writes survive power loss.
   */
  FSYNC;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Durability fromConfigName(String name) {
    for (Durability d : values()) {
      if (d.configName().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("durability '" + name + "' is unknown; use 'mmap' or 'fsync'");
  }
}
