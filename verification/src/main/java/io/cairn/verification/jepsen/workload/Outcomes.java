package io.cairn.verification.jepsen.workload;

import io.cairn.client.CairnException;
import io.cairn.client.IndeterminateException;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import java.util.HashMap;
import java.util.Map;

/**
 * Jepsen's mapping of client outcomes: a write that may have been applied is {@code :info}, never
 * {@code :fail}; anything that certainly changed nothing (refused, unreachable, a read that timed
 * out) is {@code :fail}.
 */
final class Outcomes {
  private Outcomes() {
  }

  static Op writeFailed(Op invoke, CairnException e, Map<String, Object> extra) {
    OpType type = e instanceof IndeterminateException ? OpType.INFO : OpType.FAIL;
    return invoke.complete(type, invoke.value(), withError(extra, e));
  }

  static Op readFailed(Op invoke, RuntimeException e) {
    // a read changes nothing, so even an ambiguous one is a plain failure
    return invoke.complete(OpType.FAIL, null, withError(Map.of(), e));
  }

  private static Map<String, Object> withError(Map<String, Object> extra, RuntimeException e) {
    Map<String, Object> merged = new HashMap<>(extra);
    merged.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    return merged;
  }
}
