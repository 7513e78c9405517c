package io.cairn.storage.chronicle;

import io.cairn.storage.ChecksumFailures;
import io.cairn.storage.ChecksummedValue;
import io.cairn.storage.KeyCodec;
import io.cairn.storage.PartitionScan;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * A scan of one partition that survives the partition's map being rebuilt under it. Entries are
 * read in small batches under the partition's shared lock (so the map cannot be closed mid-read,
 * while writers and growth are held up for one batch at most). If the map was replaced between
 * batches, the scan continues over the new map and skips the keys it already returned: every key
 * present throughout is returned exactly once. An entry whose checksum does not match is skipped,
 * reported and dropped, as a read drops it.
 */
final class ChronicleScan implements PartitionScan {

  private static final int BATCH = 256;

  private final int partition;
  private final Lock sharedLock;
  private final Supplier<PartitionMap> currentMap;
  private final Set<ByteBuffer> returned = new HashSet<>();
  private final ArrayDeque<Entry> batch = new ArrayDeque<>();
  private final ChecksumFailures failures;
  private PartitionMap map;
  private Iterator<Map.Entry<byte[], byte[]>> iterator;
  private boolean finished;

  ChronicleScan(int partition, Lock sharedLock, Supplier<PartitionMap> currentMap, ChecksumFailures failures) {
    this.partition = partition;
    this.sharedLock = sharedLock;
    this.currentMap = currentMap;
    this.failures = failures;
  }

  @Override
  public boolean hasNext() {
    if (batch.isEmpty() && !finished) {
      fill();
    }
    return !batch.isEmpty();
  }

  @Override
  public Entry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return batch.poll();
  }

  private void fill() {
    sharedLock.lock();
    try {
      PartitionMap now = currentMap.get();
      if (now == null) {
        finished = true; // partition dropped
        return;
      }
      if (now != map) {
        map = now;
        iterator = now.map.entrySet().iterator();
      }
      List<Map.Entry<byte[], byte[]>> corrupt = new ArrayList<>();
      while (batch.size() < BATCH && iterator.hasNext()) {
        Map.Entry<byte[], byte[]> e = iterator.next();
        // verified before the key is decoded: a rotten key may not decode at all
        byte[] value = ChecksummedValue.unframe(e.getKey(), e.getValue());
        if (value == null) {
          corrupt.add(e);
        } else if (returned.add(ByteBuffer.wrap(e.getKey()))) {
          batch.add(new Entry(KeyCodec.decode(e.getKey()), value));
        }
      }
      for (Map.Entry<byte[], byte[]> e : corrupt) {
        failures.found(partition, e.getKey(), "scan");
        map.map.remove(e.getKey(), e.getValue()); // unless a write replaced it meanwhile
      }
      if (!iterator.hasNext()) {
        finished = true;
      }
    } finally {
      sharedLock.unlock();
    }
  }

  @Override
  public void close() {
    finished = true;
    batch.clear();
  }
}
