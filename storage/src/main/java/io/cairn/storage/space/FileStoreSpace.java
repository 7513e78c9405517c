package io.cairn.storage.space;

import io.cairn.storage.StorageException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The usable space of a directory's file store, sampled at most every 500 ms. Writes ask on every
 * call, so they read the cached sample; the caller that finds it stale takes one fresh sample (a
 * single statfs call, microseconds) while others keep using the old one meanwhile.
 */
final class FileStoreSpace implements DiskSpace {

  static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final FileStore store;
  private final LongSupplier nanoTime;
  private final AtomicBoolean sampling = new AtomicBoolean();
  private volatile long usable;
  private volatile long sampledAt;

  FileStoreSpace(Path directory, LongSupplier nanoTime) {
    try {
      Files.createDirectories(directory);
      this.store = Files.getFileStore(directory);
    } catch (IOException e) {
      throw new StorageException("cannot find the volume of " + directory + ": " + e.getMessage(), e);
    }
    this.nanoTime = nanoTime;
    sample();
  }

  @Override
  public long usableBytes() {
    if (nanoTime.getAsLong() - sampledAt >= SAMPLE_NANOS && sampling.compareAndSet(false, true)) {
      try {
        sample();
      } finally {
        sampling.set(false);
      }
    }
    return usable;
  }

  private void sample() {
    try {
      usable = store.getUsableSpace();
    } catch (IOException e) {
      usable = 0; // a volume that cannot say how full it is is treated as full: writes are refused
    }
    sampledAt = nanoTime.getAsLong();
  }
}
