package io.cairn.storage.chronicle;

import io.cairn.protocol.object.BucketKey;
import io.cairn.storage.BootId;
import io.cairn.storage.ChecksumFailures;
import io.cairn.storage.ChecksummedValue;
import io.cairn.storage.Durability;
import io.cairn.storage.InsufficientStorageException;
import io.cairn.storage.KeyCodec;
import io.cairn.storage.PartitionScan;
import io.cairn.storage.PartitionStats;
import io.cairn.storage.StorageEngine;
import io.cairn.storage.StorageException;
import io.cairn.storage.ValueTooLargeException;
import io.cairn.storage.files.ChronicleMapHeader;
import io.cairn.storage.space.DiskSpace;
import io.cairn.storage.space.SpaceGuard;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production engine: one off-heap, file-backed Chronicle Map per partition under
 * {@code <directory>/partitions/}, so a partition can be streamed out and dropped as a file.
 *
 * <p>Durability: maps are memory-mapped, so every write is in the page cache when it returns and
 * survives kill -9 ({@link Durability#MMAP}). In {@link Durability#FSYNC} every mutation is also
 * appended to a group-committed {@link WriteAheadLog} and fsynced before it returns; the log is
 * replayed at start and truncated after checkpoints, which flush the maps to disk.
 *
 * <p>Start-up: a clean-shutdown marker is written by {@link #close()} and removed at open. Without
 * it, the previous process died holding the maps, and each is opened with Chronicle's
 * {@code recoverPersistedTo} (only then, and only with this process holding the directory).
 *
 * <p>Capacity: each map is sized from the config for {@code entries} keys and to hold one value of
 * {@code maxValueBytes}; when a partition reaches its sized entries (or Chronicle runs out of extra
 * tiers because values are larger than the average), the map is rebuilt twice as large, online.
 *
 * <p>A full disk: a new map is built as {@code .tmp} and renamed into place once Chronicle has
 * initialized it, and a map file Chronicle never finished initializing (left by a version without
 * that rule, or a crash in the middle) is moved aside at start instead of stalling it. Every
 * creation, growth and write first asks the {@link SpaceGuard}, which refuses with {@link
 * InsufficientStorageException} while less than the reserve would stay free: a write into a page of
 * a memory-mapped file that the volume cannot allocate would kill the process with SIGBUS.
 */
public final class ChronicleMapEngine implements StorageEngine {

  private static final Logger log = LoggerFactory.getLogger(ChronicleMapEngine.class);
  static final Pattern MAP_FILE = Pattern.compile("p(\\d+)-e(\\d+)\\.cmap");
  private static final String CLEAN_MARKER = "clean-shutdown";
  private static final String BOOT_ID_FILE = "boot-id";
  /** Checkpoint (flush maps, drop old log segments) once the log holds this much. */
  private static final long CHECKPOINT_BYTES = 64L * 1024 * 1024;

  private final ChronicleStorageConfig config;
  private final SpaceGuard space;
  private final Clock clock;
  private final Path mapsDir;
  private final Map<Integer, Slot> slots = new ConcurrentHashMap<>();
  /** Mutations share it; a checkpoint takes it exclusively for the instant of a log rotation. */
  private final ReentrantReadWriteLock checkpointLock = new ReentrantReadWriteLock();
  private final AtomicBoolean checkpointing = new AtomicBoolean();
  /** Runs checkpoints the log size asks for, so that no writer waits for every map to be flushed. */
  private final ExecutorService checkpointer;
  private final WriteAheadLog wal;
  private final boolean recoveredFromCrash;
  private final boolean mayHaveLostWrites;
  /** Map files moved aside at open because their header says they were never initialized. */
  private int mapsMovedAside;
  private final int replayedRecords;
  private final int recoveryFindings;
  private final int recoveryPossibleLosses;
  private final ChecksumFailures checksumFailures;
  private volatile boolean closed;

  /** A partition's current map; replaced (under its write lock) when it grows or is dropped. */
  private static final class Slot {
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    volatile PartitionMap map;
  }

  private ChronicleMapEngine(ChronicleStorageConfig config, BootId bootId, SpaceGuard space, Clock clock) {
    this.config = config;
    this.space = space;
    this.clock = clock;
    this.mapsDir = config.directory().resolve("partitions");
    this.checksumFailures = new ChecksumFailures("storage " + config.directory());
    boolean pageCacheMayBeGone;
    try {
      Files.createDirectories(mapsDir);
      Path marker = config.directory().resolve(CLEAN_MARKER);
      boolean hadMaps = !existingMaps().isEmpty();
      this.recoveredFromCrash = hadMaps && !Files.exists(marker);
      Path bootFile = config.directory().resolve(BOOT_ID_FILE);
      Optional<String> previousBoot =
          Files.exists(bootFile) ? Optional.of(Files.readString(bootFile).trim()) : Optional.empty();
      Optional<String> thisBoot = bootId.get();
      boolean sameBoot = thisBoot.isPresent() && thisBoot.equals(previousBoot);
      // mmap'd writes live in the page cache: a process crash keeps them, a machine crash may not
      pageCacheMayBeGone = recoveredFromCrash && config.durability() == Durability.MMAP && !sameBoot;
      Files.deleteIfExists(marker);
      Files.writeString(bootFile, thisBoot.orElse("unknown") + "\n");
      forceDirectory(config.directory());
    } catch (IOException e) {
      throw new StorageException("cannot open storage directory " + config.directory() + ": " + e.getMessage(), e);
    }
    List<RecoveryReport> migrated = ChecksumMigration.ensure(config.directory(), mapsDir, config, recoveredFromCrash);
    openExistingMaps();
    List<RecoveryReport> reports = Stream.concat(migrated.stream(), slots.entrySet().stream()
        .sorted(Map.Entry.comparingByKey()).map(e -> e.getValue().map.recovery).filter(Objects::nonNull)).toList();
    this.recoveryFindings = reports.stream().mapToInt(RecoveryReport::findings).sum();
    this.recoveryPossibleLosses = reports.stream().mapToInt(RecoveryReport::possibleLosses).sum();
    // an entry Chronicle had to drop is a lost acknowledged write as surely as a lost page, and so
    // is a partition map the operator set aside as damaged. A map moved aside as never initialized
    // counts too: maps are renamed into place only once complete, so such a file is either a
    // leftover of an older release or a complete map whose header was damaged, and the second
    // held acknowledged writes.
    this.mayHaveLostWrites = pageCacheMayBeGone || recoveryPossibleLosses > 0 || !setAsideMaps().isEmpty()
        || mapsMovedAside > 0;
    Path walDir = config.directory().resolve("wal");
    this.replayedRecords = WriteAheadLog.replay(walDir, this::applyLogged);
    if (replayedRecords > 0 || Files.isDirectory(walDir)) {
      slots.values().forEach(s -> s.map.force());
      WriteAheadLog.deleteAll(walDir);
    }
    this.wal = config.durability() == Durability.FSYNC ? new WriteAheadLog(walDir) : null;
    this.checkpointer =
        wal == null
            ? null
            : Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "cairn-storage-checkpoint");
                t.setDaemon(true);
                return t;
              });
    if (recoveredFromCrash) {
      logRecovery(reports);
    }
  }

  /**
   * Opens (creating if needed) the engine in {@code config.directory()}, keeping the default reserve
   * ({@link SpaceGuard#DEFAULT_MIN_FREE_BYTES}) free on its volume.
   */
  public static ChronicleMapEngine open(ChronicleStorageConfig config) {
    return open(config, BootId.LINUX);
  }

  /** As {@link #open(ChronicleStorageConfig)}, with the boot identity supplied (for tests). */
  public static ChronicleMapEngine open(ChronicleStorageConfig config, BootId bootId) {
    return open(config, bootId, defaultGuard(config.directory(), SpaceGuard.DEFAULT_MIN_FREE_BYTES), Clock.systemUTC());
  }

  /** As {@link #open(ChronicleStorageConfig)}, with the free-space guard and the clock supplied. */
  public static ChronicleMapEngine open(ChronicleStorageConfig config, BootId bootId, SpaceGuard space, Clock clock) {
    return new ChronicleMapEngine(config, bootId, space, clock);
  }

  /** The guard over the real volume of {@code directory}. */
  public static SpaceGuard defaultGuard(Path directory, long minFreeBytes) {
    return new SpaceGuard(directory, DiskSpace.of(directory), minFreeBytes);
  }

  /** The free-space guard of this engine (gauges read it). */
  public SpaceGuard space() {
    return space;
  }

  /**
   * Whether a write to the partition may have to create or grow its map first: that takes from
   * milliseconds to seconds (Chronicle allocates and zeroes the file), so callers on an event loop
   * hand such writes to a background thread. A hint, not a promise: a growth Chronicle asks for when
   * it runs out of tiers cannot be foreseen.
   */
  @Override
  public boolean writeMayBlock(int partition) {
    Slot slot = slots.get(partition);
    if (slot == null) {
      return true;
    }
    if (!slot.lock.readLock().tryLock()) {
      return true; // a growth holds the partition
    }
    try {
      PartitionMap m = slot.map;
      return m == null || m.map.size() + 1 >= m.entries;
    } finally {
      slot.lock.readLock().unlock();
    }
  }

  /**
   * Whether writes acknowledged before the last stop may be missing: an unclean stop in
   * {@link Durability#MMAP} mode across a machine restart (or where the boot cannot be identified),
   * or a crash recovery that had to drop an entry ({@link #recoveryPossibleLosses()}). The node
   * must then take a new replica epoch, so that it never reuses event counters its peers have
   * already seen (the KV679 guard).
   */
  @Override
  public boolean mayHaveLostWrites() {
    return mayHaveLostWrites;
  }

  /** Whether the previous process stopped without closing the engine (crash, kill -9, power loss). */
  public boolean recoveredFromCrash() {
    return recoveredFromCrash;
  }

  /** Write-ahead log records replayed at open (fsync mode, after a crash). */
  public int replayedRecords() {
    return replayedRecords;
  }

  /** Inconsistencies Chronicle's crash recovery reported (and fixed) at open, over all partitions. */
  public int recoveryFindings() {
    return recoveryFindings;
  }

  /** Of {@link #recoveryFindings()}, those that may have cost an entry (see {@link RecoveryReport}). */
  public int recoveryPossibleLosses() {
    return recoveryPossibleLosses;
  }

  /**
   * One line per partition in which recovery found something (WARN, or ERROR if an entry may be
   * lost), and one for the whole store. Partitions recovered clean are only counted: after a
   * crash there are hundreds of them and they need no reading.
   */
  private void logRecovery(List<RecoveryReport> reports) {
    int clean = 0;
    int fixed = 0;
    int lossy = 0;
    for (RecoveryReport r : reports) {
      if (r.findings() == 0) {
        clean++;
        log.debug("{} recovered clean", r.what());
      } else if (r.possibleLosses() == 0) {
        fixed++;
        log.warn("{} recovered: {} stale bookkeeping records fixed, no entry lost", r.what(), r.findings());
      } else {
        lossy++;
        log.error("{} recovered with {} entries possibly lost (of {} findings); its replicas repair them",
            r.what(), r.possibleLosses(), r.findings());
      }
    }
    log.warn("storage in {} was not shut down cleanly; recovered {} partition maps ({} clean, {} with bookkeeping "
            + "fixed, {} with entries possibly lost), replayed {} log records",
        config.directory(), reports.size(), clean, fixed, lossy, replayedRecords);
  }

  // ---- StorageEngine --------------------------------------------------------------------------

  @Override
  public Optional<byte[]> get(int partition, BucketKey key) {
    checkOpen();
    Slot slot = slots.get(partition);
    if (slot == null) {
      return Optional.empty();
    }
    byte[] k = KeyCodec.encode(key);
    slot.lock.readLock().lock();
    try {
      PartitionMap m = slot.map;
      byte[] stored = m == null ? null : m.map.get(k);
      if (stored == null) {
        return Optional.empty();
      }
      byte[] value = ChecksummedValue.unframe(k, stored);
      if (value == null) {
        checksumFailures.found(partition, k, "get");
        m.map.remove(k, stored); // unless a write replaced it meanwhile
      }
      return Optional.ofNullable(value);
    } finally {
      slot.lock.readLock().unlock();
    }
  }

  @Override
  public void put(int partition, BucketKey key, byte[] value) {
    checkSize(value);
    byte[] copy = value.clone();
    update(partition, key, current -> copy);
  }

  @Override
  public boolean delete(int partition, BucketKey key) {
    boolean[] existed = new boolean[1];
    update(partition, key, current -> {
      existed[0] = current != null;
      return null;
    });
    return existed[0];
  }

  @Override
  public byte[] update(int partition, BucketKey key, UnaryOperator<byte[]> f) {
    checkOpen();
    byte[] k = KeyCodec.encode(key);
    CompletableFuture<Void> durable = null;
    byte[] result = null;
    checkpointLock.readLock().lock();
    try {
      Slot slot = slot(partition);
      boolean[] corruptSeen = new boolean[1]; // reported once, though f may run again after a growth
      boolean applied = false;
      while (!applied) {
        slot.lock.readLock().lock();
        try {
          PartitionMap m = mapOf(slot, partition);
          Object[] logged = new Object[1];
          byte[][] next = new byte[1][];
          m.map.compute(k, (kk, stored) -> {
            byte[] current = stored == null ? null : ChecksummedValue.unframe(k, stored);
            if (stored != null && current == null && !corruptSeen[0]) {
              // a corrupt copy is no copy: f sees the key as absent and its result replaces it
              corruptSeen[0] = true;
              checksumFailures.found(partition, k, "update");
            }
            next[0] = f.apply(current);
            if (next[0] != null) {
              checkSize(next[0]);
              if (next[0] != current) {
                space.check((long) k.length + next[0].length); // before the map is touched
              }
            }
            if (wal != null) {
              // appended under the key's lock, so the log orders each key's updates as the map does
              logged[0] = wal.append(next[0] == null ? WalRecord.delete(partition, k) : WalRecord.put(partition, k, next[0]));
            }
            return next[0] == null ? null : ChecksummedValue.frame(k, next[0]);
          });
          result = next[0];
          @SuppressWarnings("unchecked")
          CompletableFuture<Void> d = (CompletableFuture<Void>) logged[0];
          durable = d;
          applied = true;
          if (!m.full()) {
            break;
          }
        } catch (IllegalStateException e) {
          // Chronicle ran out of extra tiers (values larger than the configured average): grow, retry
          log.info("partition {} map is out of tiers ({}); growing it", partition, e.getMessage());
        } catch (IllegalArgumentException e) {
          if (!String.valueOf(e.getMessage()).contains("Entry is too large")) {
            throw e;
          }
          throw new ValueTooLargeException(-1, config.maxValueBytes());
        } finally {
          slot.lock.readLock().unlock();
        }
        try {
          grow(slot, partition); // then retry if the write did not go in, else done
        } catch (InsufficientStorageException e) {
          if (!applied) {
            throw e;
          }
          // the write is in: Chronicle's extra tiers take more until the next growth can be afforded
          log.warn("partition {} is full but cannot grow yet: {}", partition, e.getMessage());
        }
      }
    } finally {
      checkpointLock.readLock().unlock();
    }
    awaitDurable(durable);
    return result;
  }

  @Override
  public PartitionScan scan(int partition) {
    checkOpen();
    Slot slot = slots.get(partition);
    if (slot == null) {
      return emptyScan();
    }
    return new ChronicleScan(partition, slot.lock.readLock(), () -> slot.map, checksumFailures);
  }

  @Override
  public void dropPartition(int partition) {
    checkOpen();
    Slot slot = slots.get(partition);
    if (slot == null) {
      return;
    }
    CompletableFuture<Void> durable = null;
    checkpointLock.readLock().lock();
    try {
      slot.lock.writeLock().lock();
      try {
        if (wal != null) {
          durable = wal.append(WalRecord.dropPartition(partition));
        }
        if (slot.map != null) {
          slot.map.closeAndDelete();
          slot.map = null;
        }
      } finally {
        slot.lock.writeLock().unlock();
      }
    } finally {
      checkpointLock.readLock().unlock();
    }
    awaitDurable(durable);
  }

  @Override
  public Set<Integer> partitions() {
    checkOpen();
    Set<Integer> out = new TreeSet<>();
    // under each partition's shared lock: a growth or drop must not close a map being read
    slots.forEach((p, s) -> withMap(s, m -> {
      if (!m.map.isEmpty()) {
        out.add(p);
      }
    }));
    return out;
  }

  @Override
  public void force(int partition) {
    checkOpen();
    Slot slot = slots.get(partition);
    // in fsync mode every acknowledged write is already in the fsynced log
    if (slot != null && wal == null) {
      withMap(slot, PartitionMap::force);
    }
  }

  @Override
  public PartitionStats stats(int partition) {
    checkOpen();
    Slot slot = slots.get(partition);
    long[] totals = new long[2];
    if (slot != null) {
      withMap(slot, m -> m.map.forEachEntry(e -> {
        totals[0]++;
        totals[1] += e.key().size() + e.value().size();
      }));
    }
    return new PartitionStats(partition, totals[0], totals[1]);
  }

  @Override
  public int maxValueBytes() {
    return config.maxValueBytes();
  }

  @Override
  public Durability durability() {
    return config.durability();
  }

  @Override
  public long checksumFailures() {
    return checksumFailures.count();
  }

  /**
   * Flushes every map to disk and drops the log written before the flush began. Runs on its own
   * when the log grows past {@link #CHECKPOINT_BYTES}; callable directly (e.g. before a backup).
   */
  public void checkpoint() {
    if (wal == null) {
      slots.values().forEach(s -> withMap(s, PartitionMap::force));
      return;
    }
    CompletableFuture<Long> rotated;
    checkpointLock.writeLock().lock(); // no mutation is between its map write and its log append
    try {
      rotated = wal.rotate();
    } finally {
      checkpointLock.writeLock().unlock();
    }
    long firstKept = join(rotated);
    slots.values().forEach(s -> withMap(s, PartitionMap::force));
    wal.deleteSegmentsBefore(firstKept);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (checkpointer != null) {
      checkpointer.shutdown();
      try {
        checkpointer.awaitTermination(5, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (wal != null) {
      checkpoint();
    }
    closed = true;
    if (wal != null) {
      wal.close();
      WriteAheadLog.deleteAll(config.directory().resolve("wal"));
    }
    for (Slot s : slots.values()) {
      s.lock.writeLock().lock();
      try {
        if (s.map != null) {
          s.map.map.close();
        }
      } finally {
        s.lock.writeLock().unlock();
      }
    }
    try {
      Files.writeString(config.directory().resolve(CLEAN_MARKER), "closed cleanly\n");
      forceDirectory(config.directory());
    } catch (IOException e) {
      throw new StorageException("cannot write the clean-shutdown marker: " + e.getMessage(), e);
    }
  }

  // ---- internals ------------------------------------------------------------------------------

  private Slot slot(int partition) {
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, was " + partition);
    }
    return slots.computeIfAbsent(partition, p -> new Slot());
  }

  /** The slot's map, created on first use (under the slot's read lock: creation is idempotent). */
  private PartitionMap mapOf(Slot slot, int partition) {
    PartitionMap m = slot.map;
    if (m != null) {
      return m;
    }
    synchronized (slot) {
      if (slot.map == null) {
        long entries = PartitionMap.effectiveEntries(config.initialEntriesPerPartition(), config);
        space.check(PartitionMap.estimatedBytes(entries, config));
        Path file = PartitionMap.fileFor(mapsDir, partition, entries);
        slot.map = PartitionMap.create(partition, entries, file, config);
        // the thread is in the log line on purpose: creation must never run on an event loop
        log.info("partition {}: created map {} for {} entries on thread {}", partition, file.getFileName(), entries,
            Thread.currentThread().getName());
      }
      return slot.map;
    }
  }

  private void grow(Slot slot, int partition) {
    slot.lock.writeLock().lock();
    try {
      PartitionMap m = slot.map;
      if (m != null) {
        space.check(PartitionMap.estimatedBytes(m.entries * 2, config));
        slot.map = m.grow(config, config.durability() == Durability.FSYNC);
        log.info("partition {} grew to {} entries", partition, slot.map.entries);
      }
    } finally {
      slot.lock.writeLock().unlock();
    }
  }

  private void applyLogged(WalRecord r) {
    Slot slot = slot(r.partition());
    switch (r.type()) {
      case WalRecord.PUT -> {
        PartitionMap m = mapOf(slot, r.partition());
        m.map.put(r.key(), ChecksummedValue.frame(r.key(), r.value())); // the log holds values unframed
        if (m.full()) {
          grow(slot, r.partition());
        }
      }
      case WalRecord.DELETE -> {
        if (slot.map != null) {
          slot.map.map.remove(r.key());
        }
      }
      default -> {
        if (slot.map != null) {
          slot.map.closeAndDelete();
          slot.map = null;
        }
      }
    }
  }

  private void awaitDurable(CompletableFuture<Void> durable) {
    if (durable == null) {
      return;
    }
    join(durable);
    if (wal.bytes() > CHECKPOINT_BYTES && checkpointing.compareAndSet(false, true)) {
      checkpointer.execute(() -> {
        try {
          if (!closed) {
            checkpoint();
          }
        } catch (RuntimeException e) {
          log.warn("checkpoint failed; the log keeps every write and the next one retries", e);
        } finally {
          checkpointing.set(false);
        }
      });
    }
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for the write-ahead log", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StorageException s ? s : new StorageException(e.getCause().getMessage(), e.getCause());
    }
  }

  private static void withMap(Slot s, Consumer<PartitionMap> action) {
    s.lock.readLock().lock();
    try {
      if (s.map != null) {
        action.accept(s.map);
      }
    } finally {
      s.lock.readLock().unlock();
    }
  }

  /**
   * Opens the newest complete generation of each partition's map; removes leftovers of growth and
   * moves aside map files Chronicle never finished initializing.
   */
  private void openExistingMaps() {
    Map<Integer, List<long[]>> found = new HashMap<>();
    for (Path p : existingMaps()) {
      Matcher m = MAP_FILE.matcher(p.getFileName().toString());
      if (m.matches()) {
        found.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(new long[] {Long.parseLong(m.group(2))});
      }
    }
    try (Stream<Path> s = Files.list(mapsDir)) {
      for (Path tmp : s.filter(p -> p.toString().endsWith(".cmap.tmp")).toList()) {
        Files.delete(tmp); // an interrupted growth: the previous generation is intact
      }
    } catch (IOException e) {
      throw new StorageException("cannot list " + mapsDir + ": " + e.getMessage(), e);
    }
    found.forEach((partition, all) -> {
      List<long[]> generations = all.stream().filter(g -> initializedOrMovedAside(partition, g[0])).toList();
      if (generations.isEmpty()) {
        return;
      }
      long newest = generations.stream().mapToLong(g -> g[0]).max().orElseThrow();
      for (long[] g : generations) {
        if (g[0] != newest) {
          try {
            // a growth completed its rename but not the delete: the newer file is complete
            Files.deleteIfExists(PartitionMap.fileFor(mapsDir, partition, g[0]));
          } catch (IOException e) {
            throw new StorageException("cannot remove an old map generation: " + e.getMessage(), e);
          }
        }
      }
      Slot slot = slot(partition);
      // a map that was complete may hold acknowledged writes: if it cannot be opened, the operator
      // decides (PartitionMap.unopenable says how), not this code
      slot.map = PartitionMap.open(partition, newest, PartitionMap.fileFor(mapsDir, partition, newest), config,
          recoveredFromCrash);
    });
  }

  /**
   * Whether the partition's map file of generation {@code entries} was ever initialized; one that
   * was not (Chronicle's readiness flag unset: the creating process of an older release died or hit
   * a full disk half-way, or the header was damaged) is renamed to {@code .corrupt-<time>} beside it
   * rather than opened, which would stall the start for a minute per file; the engine then reports
   * that writes may be lost, since a damaged header may have hidden a complete map.
   */
  private boolean initializedOrMovedAside(int partition, long entries) {
    Path file = PartitionMap.fileFor(mapsDir, partition, entries);
    try {
      if (ChronicleMapHeader.initialized(file)) {
        return true;
      }
      long size = Files.size(file);
      Path aside = ChronicleMapHeader.moveAside(file, clock);
      mapsMovedAside++;
      log.error("partition {}: map file {} ({} bytes) was never completely initialized (its creation was cut short,"
              + " e.g. by a full disk or a crash, or its header was damaged); moved it aside to {} and took a new"
              + " replica epoch. The partition's other replicas refill it by anti-entropy; delete {} to reclaim its"
              + " space.",
          partition, file, size, aside.getFileName(), aside);
      return false;
    } catch (IOException e) {
      throw new StorageException("cannot check partition map " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Map files an operator renamed to {@code .cmap.corrupt} because they could not be opened: their
   * partitions start empty, and the node must take a new replica epoch (see {@link PartitionMap}).
   */
  private List<Path> setAsideMaps() {
    try (Stream<Path> s = Files.list(mapsDir)) {
      List<Path> aside = s.filter(p -> p.toString().endsWith(".cmap" + PartitionMap.SET_ASIDE_SUFFIX)).sorted().toList();
      aside.forEach(p -> log.warn("partition map {} was set aside as damaged: its partition starts empty here and is "
          + "refilled from its replicas; move the file out of {} once the node runs", p, mapsDir));
      return aside;
    } catch (IOException e) {
      throw new StorageException("cannot list " + mapsDir + ": " + e.getMessage(), e);
    }
  }

  private List<Path> existingMaps() {
    try (Stream<Path> s = Files.list(mapsDir)) {
      return s.filter(p -> MAP_FILE.matcher(p.getFileName().toString()).matches()).toList();
    } catch (IOException e) {
      throw new StorageException("cannot list " + mapsDir + ": " + e.getMessage(), e);
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private void checkSize(byte[] value) {
    if (value.length > config.maxValueBytes()) {
      throw new ValueTooLargeException(value.length, config.maxValueBytes());
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("storage engine is closed");
    }
  }

  private static PartitionScan emptyScan() {
    return new PartitionScan() {
      @Override
      public boolean hasNext() {
        return false;
      }

      @Override
      public Entry next() {
        throw new NoSuchElementException();
      }

      @Override
      public void close() {}
    };
  }
}
