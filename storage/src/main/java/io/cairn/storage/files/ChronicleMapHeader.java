package io.cairn.storage.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Reads the readiness flag of a Chronicle Map file without Chronicle, which would wait a minute for
 * a map whose creator died before finishing it. The layout is Chronicle Map's documented one: a
 * 64-bit header checksum, then a little-endian 32-bit size word whose top bit stays set (or which
 * stays zero) until the map is fully initialized, then the self-bootstrapping header of that size.
 */
public final class ChronicleMapHeader {

  private ChronicleMapHeader() {}

  /** Offset of Chronicle's size word (Size-Prefixed Blob): its top bit is set until the map is ready. */
  private static final int SIZE_WORD_OFFSET = 8;
  private static final int SELF_BOOTSTRAPPING_HEADER_OFFSET = 12;
  private static final int SIZE_MASK = (1 << 30) - 1;

  /**
   * Whether Chronicle ever finished initializing the map in {@code file}: its header's size word is
   * positive (neither zero nor marked not-complete) and the header it announces is in the file.
   * Chronicle publishes a map to its creator only after setting this, so a map without it never
   * held an entry. Opening such a file makes Chronicle wait a minute for a creator that is gone.
   */
  public static boolean initialized(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() < SELF_BOOTSTRAPPING_HEADER_OFFSET) {
        return false;
      }
      ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      while (word.hasRemaining()) {
        if (ch.read(word, SIZE_WORD_OFFSET + word.position()) < 0) {
          return false;
        }
      }
      int w = word.getInt(0);
      return w > 0 && ch.size() >= SELF_BOOTSTRAPPING_HEADER_OFFSET + (long) (w & SIZE_MASK);
    }
  }


  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * Renames {@code file} to {@code <name>.corrupt-<UTC time>} in its directory (durably), so that it
   * is out of the way but still there for an operator to look at; returns the new path.
   */
  public static Path moveAside(Path file, Clock clock) throws IOException {
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
    Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    DurableFiles.fsyncDirectory(file.getParent());
    return aside;
  }
}
