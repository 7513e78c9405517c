package io.cairn.storage.identity;

import io.cairn.storage.files.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A small piece of text kept durably: written atomically, read back whole. The replica identity and
 * the dot lease live in cells, so their rules run unchanged on a real disk (a file) and on the
 * simulator's disk (memory that outlives a simulated process).
 */
public interface DurableCell {

  /** The stored text; empty if nothing was ever written (or it was lost with the disk). */
  Optional<String> read() throws IOException;

  /** Replaces the stored text; on return it survives a crash. */
  void write(String text) throws IOException;

  /** Where it is kept, for error messages. */
  String describe();

  /** A file written by atomic rename and fsync. */
  static DurableCell file(Path file) {
    return new DurableCell() {
      @Override
      public Optional<String> read() throws IOException {
        try {
          return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
          return Optional.empty();
        }
      }

      @Override
      public void write(String text) throws IOException {
        Files.createDirectories(file.getParent());
        DurableFiles.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public String describe() {
        return file.toString();
      }
    };
  }

  /** Memory: durable for as long as the object is kept (the simulator's disk). */
  static DurableCell memory(String name) {
    String[] value = new String[1];
    return new DurableCell() {
      @Override
      public synchronized Optional<String> read() {
        return Optional.ofNullable(value[0]);
      }

      @Override
      public synchronized void write(String text) {
        value[0] = text;
      }

      @Override
      public String describe() {
        return name;
      }
    };
  }

  /** Reads, turning an I/O failure into an unchecked one. */
  default Optional<String> readOrThrow() {
    try {
      return read();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + describe(), e);
    }
  }
}
