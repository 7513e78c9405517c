package io.cairn.verification.jepsen.workload;

import java.util.List;

/** What every workload here has: a name, its own bucket and keys, and the bucket's conflict mode. */
abstract class KeyedWorkload implements Workload {
  private final String name;
  private final String bucket;
  private final List<String> keys;
  private final String conflictMode;

  KeyedWorkload(String name, String bucket, List<String> keys, String conflictMode) {
    this.name = name;
    this.bucket = bucket;
    this.keys = List.copyOf(keys);
    this.conflictMode = conflictMode;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String bucket() {
    return bucket;
  }

  @Override
  public final List<String> keys() {
    return keys;
  }

  @Override
  public final String conflictMode() {
    return conflictMode;
  }

  /** lww buckets are the negative controls: their checkers must find lost writes. */
  @Override
  public final boolean expectedValid() {
    return !"lww".equals(conflictMode);
  }
}
