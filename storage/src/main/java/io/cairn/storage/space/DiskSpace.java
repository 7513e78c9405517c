package io.cairn.storage.space;

import java.nio.file.Path;

/**
 * How many bytes may still be written to the volume of a directory: the port behind the storage's
 * free-space guard, so that tests can make a disk look full.
 */
@FunctionalInterface
public interface DiskSpace {

  /** Usable bytes on the volume, as recently sampled; never blocks for long. */
  long usableBytes();

  /** The real volume of {@code directory}, sampled at most every {@link FileStoreSpace#SAMPLE_NANOS}. */
  static DiskSpace of(Path directory) {
    return new FileStoreSpace(directory, System::nanoTime);
  }
}
