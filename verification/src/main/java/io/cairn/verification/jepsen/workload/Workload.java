package io.cairn.verification.jepsen.workload;

import io.cairn.client.CairnClient;
import io.cairn.client.Fetched;
import io.cairn.verification.history.History;
import io.cairn.verification.history.Op;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A family of client operations on its own bucket and keys, with the checker that judges them.
 * Ops carry {@code :workload}, {@code :key} and {@code :node} as extra keys, so one history can hold
 * several workloads side by side.
 */
public interface Workload {
  /** The name written as {@code :workload} on each op, e.g. {@code set} or {@code set-lww}. */
  String name();

  String bucket();

  List<String> keys();

  /** The bucket's conflict mode, set on every node before the run. */
  String conflictMode();

  /** Whether the checker must find the run valid: false for negative controls. */
  boolean expectedValid();

  /** The next invocation for a client, or {@code null} when this workload has nothing more to do. */
  Op next(int process, Random random);

  /** Performs {@code invoke} through {@code client} and returns its completion. */
  Op apply(Op invoke, CairnClient client);

  /** The elements a read observed: what read ops and final reads record as their value. */
  Set<Long> observed(Fetched fetched);

  /** Judges this workload's ops (already filtered to this workload). */
  CheckOutcome check(History history);

  /**
   * A checker's verdict and figures.
   *
   * @param valid   the verdict
   * @param figures named figures, written into results.edn
   */
  record CheckOutcome(boolean valid, Map<String, Object> figures) {
  }
}
