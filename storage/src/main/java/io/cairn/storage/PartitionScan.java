package io.cairn.storage;

import io.cairn.protocol.object.BucketKey;
import java.util.Iterator;

/** A pull-based scan of one partition; close it to release what the engine holds for it. */
public interface PartitionScan extends Iterator<PartitionScan.Entry>, AutoCloseable {

  /** One stored key and its bytes, as seen at the moment the scan reached it. */
  record Entry(BucketKey key, byte[] value) {}

  @Override
  void close();
}
