package io.cairn.verification.sim;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.verification.checker.CheckResult;
import io.cairn.verification.checker.SetFullChecker;
import io.cairn.verification.history.History;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Jepsen's set, as the container suite runs it: an add reads the key, merges the siblings by
 * union, adds a unique element and writes back with the read's context; reads return the union.
 * Under {@code lww} the read-modify-writes overwrite each other: the negative control.
 */
final class SimSetWorkload extends SimKeyedWorkload {

  private final double readFraction;
  private long nextElement;

  SimSetWorkload(String name, ConflictMode mode, List<String> keys, double readFraction) {
    super(name, mode, keys);
    this.readFraction = readFraction;
  }

  @Override
  public Op next(int process, SimRandom random) {
    String key = random.pick(keys());
    if (random.chance(readFraction)) {
      return Op.invoke(process, "read", null, Map.of("workload", name(), "key", key));
    }
    return Op.invoke(process, "add", nextElement++, Map.of("workload", name(), "key", key));
  }

  @Override
  public CompletableFuture<Op> apply(Op invoke, SimNode node, Attempt attempt) {
    BucketKey key = new BucketKey(name(), (String) invoke.get("key"));
    return node.get(key, 0).thenCompose(read -> {
      if (read.outcome() == QuorumOutcome.FAILED) {
        return CompletableFuture.completedFuture(Outcome.readFailed(invoke, "unavailable: " + read.detail()));
      }
      Set<Long> seen = SimWorkload.observed(read.object());
      if (invoke.f().equals("read")) {
        return CompletableFuture.completedFuture(invoke.complete(OpType.OK, seen, Map.of()));
      }
      seen.add((Long) invoke.value());
      attempt.writeSent = true;
      return node.put(key, read.object().context(), SimWorkload.encode(seen), false)
          .handle((put, error) -> error != null ? Outcome.writeError(invoke, error, Map.of())
              : Outcome.ofWrite(invoke, put.outcome(), put.detail(), Map.of()));
    }).exceptionally(error -> attempt.writeSent ? Outcome.writeError(invoke, error, Map.of()) : Outcome.readError(invoke, error));
  }

  @Override
  public CheckResult check(History own) {
    return new SetFullChecker().check(own);
  }
}
