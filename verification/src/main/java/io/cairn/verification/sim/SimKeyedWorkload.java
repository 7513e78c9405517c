package io.cairn.verification.sim;

import io.cairn.protocol.object.ConflictMode;
import java.util.List;

/** What every simulated workload has: a name (also its bucket), its keys and the bucket's mode. */
abstract class SimKeyedWorkload implements SimWorkload {

  private final String name;
  private final ConflictMode mode;
  private final List<String> keys;

  SimKeyedWorkload(String name, ConflictMode mode, List<String> keys) {
    this.name = name;
    this.mode = mode;
    this.keys = List.copyOf(keys);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String bucket() {
    return name;
  }

  @Override
  public final List<String> keys() {
    return keys;
  }

  @Override
  public final ConflictMode conflictMode() {
    return mode;
  }

  /** lww buckets are the negative controls: their checkers must find lost writes. */
  @Override
  public final boolean expectedValid() {
    return mode != ConflictMode.LWW;
  }
}
