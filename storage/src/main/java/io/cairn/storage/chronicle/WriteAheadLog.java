package io.cairn.storage.chronicle;

import io.cairn.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The write-ahead log of {@code durability: fsync}: mutations are appended to segment files
 * {@code wal-<seq>.log} and fsynced before the writer is answered. One committer thread drains
 * everything queued since its last fsync into a single write and a single fsync (group commit), so
 * the cost of an fsync is shared by every write that arrived while the previous one ran.
 *
 * <p>Segments are deleted after a checkpoint: once the maps are flushed to disk, the log before the
 * checkpoint is no longer needed.
 */
final class WriteAheadLog implements AutoCloseable {

  private static final int MAX_BATCH_BYTES = 8 * 1024 * 1024;

  private sealed interface Task permits Append, Rotate, Stop {}

  private record Append(WalRecord record, CompletableFuture<Void> done) implements Task {}

  private record Rotate(CompletableFuture<Long> done) implements Task {}

  private record Stop() implements Task {}

  private final Path directory;
  private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  private final Thread committer;
  private final AtomicLong bytesInSegments = new AtomicLong();
  private FileChannel channel;
  private long sequence;
  private volatile boolean closed;

  /** Opens the log for appending, starting a new segment after any that exist. */
  WriteAheadLog(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
      this.sequence = segments(directory).stream().mapToLong(WriteAheadLog::sequenceOf).max().orElse(0) + 1;
      this.channel = openSegment(sequence);
    } catch (IOException e) {
      throw new StorageException("cannot open write-ahead log in " + directory + ": " + e.getMessage(), e);
    }
    committer = new Thread(this::commitLoop, "cairn-wal-committer");
    committer.setDaemon(true);
    committer.start();
  }

  /** Appends a record; the future completes once it is on disk (fsynced). */
  CompletableFuture<Void> append(WalRecord record) {
    if (closed) {
      throw new StorageException("write-ahead log is closed");
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.add(new Append(record, done));
    return done;
  }

  /**
   * Starts a new segment; every record appended before this call lands in older segments. The
   * future yields the new segment's sequence once the older ones are fsynced and closed.
   */
  CompletableFuture<Long> rotate() {
    CompletableFuture<Long> done = new CompletableFuture<>();
    queue.add(new Rotate(done));
    return done;
  }

  /** Deletes the segments older than {@code sequence} (after a checkpoint made them redundant). */
  void deleteSegmentsBefore(long sequence) {
    try {
      for (Path p : segments(directory)) {
        if (sequenceOf(p) < sequence) {
          bytesInSegments.addAndGet(-Files.size(p));
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot delete old write-ahead log segments: " + e.getMessage(), e);
    }
  }

  /** Bytes in segments not yet made redundant by a checkpoint. */
  long bytes() {
    return bytesInSegments.get();
  }

  /**
   * Reads every complete record of every segment in {@code directory}, oldest first. A torn record
   * at the end of the last segment (a write cut by the crash, never acknowledged) ends the replay; a
   * damaged record anywhere else is an error, because acknowledged writes would be skipped.
   */
  static int replay(Path directory, Consumer<WalRecord> sink) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    int count = 0;
    try {
      List<Path> segments = segments(directory);
      for (int i = 0; i < segments.size(); i++) {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(segments.get(i)));
        while (in.hasRemaining()) {
          WalRecord r = WalRecord.readFrom(in);
          if (r == null) {
            if (i < segments.size() - 1) {
              throw new StorageException(
                  "write-ahead log segment " + segments.get(i) + " is damaged at byte " + in.position()
                      + " and is not the last one; refusing to skip acknowledged writes");
            }
            break;
          }
          sink.accept(r);
          count++;
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot read write-ahead log: " + e.getMessage(), e);
    }
    return count;
  }

  /** Removes every segment (after a replay has been checkpointed into the maps). */
  static void deleteAll(Path directory) {
    try {
      for (Path p : segments(directory)) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new StorageException("cannot clear write-ahead log: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(new Stop());
    try {
      committer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void commitLoop() {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    List<CompletableFuture<Void>> waiting = new ArrayList<>();
    List<Task> batch = new ArrayList<>();
    try {
      while (true) {
        batch.clear();
        batch.add(queue.take());
        queue.drainTo(batch);
        int size = 0;
        for (Task t : batch) {
          if (t instanceof Append a) {
            int n = a.record().encodedSize();
            if (buffer.capacity() - buffer.position() < n) {
              buffer = flush(buffer, waiting, n);
            }
            a.record().writeTo(buffer);
            waiting.add(a.done());
            size += n;
            if (size > MAX_BATCH_BYTES) {
              buffer = flush(buffer, waiting, 0);
              size = 0;
            }
          } else if (t instanceof Rotate r) {
            buffer = flush(buffer, waiting, 0);
            channel.close();
            sequence++;
            channel = openSegment(sequence);
            r.done().complete(sequence);
          } else {
            flush(buffer, waiting, 0);
            channel.close();
            return;
          }
        }
        buffer = flush(buffer, waiting, 0);
      }
    } catch (Throwable e) {
      StorageException failure = new StorageException("write-ahead log failed: " + e.getMessage(), e);
      waiting.forEach(f -> f.completeExceptionally(failure));
      for (Task t : queue) {
        if (t instanceof Append a) {
          a.done().completeExceptionally(failure);
        } else if (t instanceof Rotate r) {
          r.done().completeExceptionally(failure);
        }
      }
      closed = true;
    }
  }

  /** Writes and fsyncs what is buffered, then answers everyone waiting for it. */
  private ByteBuffer flush(ByteBuffer buffer, List<CompletableFuture<Void>> waiting, int needed)
      throws IOException {
    if (buffer.position() > 0) {
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
      bytesInSegments.addAndGet(buffer.limit());
      buffer.clear();
      waiting.forEach(f -> f.complete(null));
      waiting.clear();
    }
    return needed > buffer.capacity() ? ByteBuffer.allocate(Integer.highestOneBit(needed) * 2) : buffer;
  }

  private FileChannel openSegment(long seq) throws IOException {
    Path p = directory.resolve(String.format("wal-%016d.log", seq));
    FileChannel ch =
        FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    // make the new file's directory entry durable too
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
    return ch;
  }

  private static List<Path> segments(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(directory)) {
      return s.filter(p -> p.getFileName().toString().matches("wal-\\d{16}\\.log")).sorted().toList();
    }
  }

  private static long sequenceOf(Path p) {
    String name = p.getFileName().toString();
    return Long.parseLong(name.substring(4, 20));
  }
}
