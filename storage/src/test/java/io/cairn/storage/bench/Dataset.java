package io.cairn.storage.bench;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.Partitioner;
import io.cairn.storage.Durability;
import io.cairn.storage.chronicle.ChronicleMapEngine;
import io.cairn.storage.chronicle.ChronicleStorageConfig;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The benchmark data: {@link #KEYS} keys of one bucket, each placed in its partition of a
 * {@link #PARTITIONS}-partition ring by the production {@link Partitioner} (so partitions are as
 * unevenly filled as a real node's), with values of {@link #VALUE_BYTES} bytes.
 */
final class Dataset {

  static final int KEYS = 1_000_000;
  static final int PARTITIONS = 256;
  static final int VALUE_BYTES = 1024;
  private static final String BUCKET = "bench";
  /** 1024 (the default) doubled twice: where the average partition of this data set ends up. */
  private static final long LOAD_INITIAL_ENTRIES = ChronicleStorageConfig.DEFAULT_INITIAL_ENTRIES * 4;

  final BucketKey[] keys;
  final int[] partitions;

  private Dataset(int size) {
    Partitioner ring = new Partitioner(PARTITIONS);
    keys = new BucketKey[size];
    partitions = new int[size];
    for (int i = 0; i < size; i++) {
      String key = "key-" + i;
      keys[i] = BucketKey.of(BUCKET, key);
      partitions[i] = ring.partitionOf(BUCKET, key);
    }
  }

  /** The keys and their partitions, computed once per trial so no benchmark op hashes or allocates keys. */
  static Dataset create() {
    return new Dataset(KEYS);
  }

  /** Random bytes: nothing in the store compresses, but no value should look special either. */
  static byte[] randomValue(SplittableRandom random) {
    byte[] value = new byte[VALUE_BYTES];
    random.nextBytes(value);
    return value;
  }

  /**
   * Writes every key into a new engine in {@code dir} and closes it cleanly. Always in mmap mode:
   * loading through the fsync path would time one fsync per key (minutes), not the steady state; a
   * benchmark that wants fsync reopens the loaded directory with it.
   *
   * <p>The maps are created at {@link #LOAD_INITIAL_ENTRIES} instead of the default 1024: a map's
   * file and layout follow only from the entries it is sized for, and doubling from 1024 ends at
   * the same sizes, so the result is the store the defaults would have grown into, without
   * rewriting every partition twice on the way (which took most of the load time).
   */
  void loadInto(Path dir) {
    byte[] value = randomValue(new SplittableRandom(42));
    long start = System.nanoTime();
    ChronicleStorageConfig config =
        ChronicleStorageConfig.defaults(dir, Durability.MMAP).withInitialEntries(LOAD_INITIAL_ENTRIES);
    try (ChronicleMapEngine engine = ChronicleMapEngine.open(config)) {
      for (int i = 0; i < keys.length; i++) {
        engine.put(partitions[i], keys[i], value);
      }
    }
    System.out.printf("# loaded %,d keys of %d bytes into %d partitions in %.1f s%n",
        keys.length, VALUE_BYTES, PARTITIONS, (System.nanoTime() - start) / 1e9);
  }
}
