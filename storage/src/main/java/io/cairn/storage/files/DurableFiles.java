package io.cairn.storage.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File operations whose result survives a power loss once they return: the data is fsynced, and so
 * is the directory entry that names it (on Linux a new, renamed or deleted name is durable only
 * after its directory is fsynced).
 */
public final class DurableFiles {

  private DurableFiles() {}

  /**
   * Replaces {@code file} with {@code content} so that a crash at any moment leaves either the old
   * or the new content, never a mix: write a temporary file beside it, fsync, rename over, fsync
   * the directory.
   */
  public static void writeAtomically(Path file, byte[] content) throws IOException {
    Path dir = directoryOf(file);
    Path temp = dir.resolve(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(temp);
      throw new IOException("the file system of " + dir + " cannot rename atomically", e);
    }
    fsyncDirectory(dir);
  }

  /** Deletes {@code file} if present and makes the deletion durable; returns whether it existed. */
  public static boolean deleteDurably(Path file) throws IOException {
    boolean existed = Files.deleteIfExists(file);
    if (existed) {
      fsyncDirectory(directoryOf(file));
    }
    return existed;
  }

  /** Makes a file's content durable (after writing it through a memory map, for instance). */
  public static void fsyncFile(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Makes the names in {@code dir} (creations, renames, deletions) durable. */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static Path directoryOf(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) {
      throw new IllegalArgumentException(file + " has no parent directory");
    }
    return dir;
  }
}
