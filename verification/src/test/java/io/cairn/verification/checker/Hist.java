package io.cairn.verification.checker;

import io.cairn.verification.history.History;
import io.cairn.verification.history.HistoryRecorder;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds small histories for tests; each op happens 1 ms after the previous one. */
final class Hist {
  private long now;
  private final HistoryRecorder recorder = new HistoryRecorder(() -> now += 1_000_000L);

  Op invoke(int process, String f, Object value, Object... extra) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < extra.length; i += 2) {
      map.put((String) extra[i], extra[i + 1]);
    }
    return recorder.invoke(Op.invoke(process, f, value, map));
  }

  Op ok(Op invocation, Object value) {
    return recorder.complete(invocation, OpType.OK, value, null);
  }

  Op ok(Op invocation) {
    return ok(invocation, invocation.value());
  }

  Op fail(Op invocation) {
    return recorder.complete(invocation, OpType.FAIL, invocation.value(), null);
  }

  Op info(Op invocation) {
    return recorder.complete(invocation, OpType.INFO, invocation.value(), null);
  }

  Op nemesis(String f, Object value, Object... extra) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < extra.length; i += 2) {
      map.put((String) extra[i], extra[i + 1]);
    }
    Op inv = recorder.invoke(Op.invoke(Op.NEMESIS, f, value, map));
    return recorder.complete(inv, OpType.INFO, value, null);
  }

  /** An ok add of {@code element} to key "s". */
  void add(int process, long element) {
    ok(invoke(process, "add", element, "key", "s"));
  }

  /** An ok read of key "s" returning {@code elements}. */
  void read(int process, Long... elements) {
    ok(invoke(process, "read", null, "key", "s"), set(elements));
  }

  void finalRead(String node, Long... elements) {
    ok(invoke(100, "read", null, "key", "s", "final", true, "node", node), set(elements));
  }

  static Set<Long> set(Long... elements) {
    return new TreeSet<>(List.of(elements));
  }

  History history() {
    return recorder.history();
  }
}
