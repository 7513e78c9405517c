package io.cairn.verification.sim;

import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.verification.checker.CheckResult;
import io.cairn.verification.history.History;
import io.cairn.verification.history.Op;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A family of simulated client operations on its own bucket, shaped like the container suite's
 * workloads (ops carry {@code :workload}, {@code :key}, {@code :node}), with the checker that
 * judges them. Values are stored as the container suite stores them: comma-separated integers.
 */
interface SimWorkload {

  String name();

  String bucket();

  List<String> keys();

  ConflictMode conflictMode();

  /** False for negative controls, which the checker must find invalid. */
  boolean expectedValid();

  /** The next invocation, or null when this workload has nothing more to do. */
  Op next(int process, SimRandom random);

  /** Performs {@code invoke} against {@code node}; completes with the op's completion. */
  CompletableFuture<Op> apply(Op invoke, SimNode node, Attempt attempt);

  CheckResult check(History own);

  /** What a client learns while an op runs: whether a write may have been sent, extra keys so far. */
  final class Attempt {
    boolean writeSent;
    Map<String, Object> extra = Map.of();
  }

  /** The union of the live siblings' integers: what a read observes. */
  static Set<Long> observed(StoredObject object) {
    Set<Long> values = new TreeSet<>();
    for (Sibling s : object.liveSiblings()) {
      String text = new String(s.value(), StandardCharsets.UTF_8).strip();
      if (!text.isEmpty()) {
        for (String part : text.split(",")) {
          values.add(Long.parseLong(part));
        }
      }
    }
    return values;
  }

  static byte[] encode(Set<Long> values) {
    StringJoiner joined = new StringJoiner(",");
    new TreeSet<>(values).forEach(v -> joined.add(Long.toString(v)));
    return joined.toString().getBytes(StandardCharsets.UTF_8);
  }
}
