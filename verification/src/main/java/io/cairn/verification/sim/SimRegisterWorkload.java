package io.cairn.verification.sim;

import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.verification.checker.CheckResult;
import io.cairn.verification.checker.SiblingRegisterChecker;
import io.cairn.verification.history.History;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The sibling register, as the container suite runs it: unique integers written blind (no
 * context: a new sibling) or with the context of a read just before (replacing exactly the values
 * that read returned, recorded as {@code :supersedes} on the completion); some ops are deletes,
 * which supersede the same way and leave a tombstone.
 */
final class SimRegisterWorkload extends SimKeyedWorkload {

  private final double readFraction;
  private final double blindFraction;
  private final double deleteFraction;
  private long nextValue;

  SimRegisterWorkload(String name, ConflictMode mode, List<String> keys, double readFraction, double blindFraction,
      double deleteFraction) {
    super(name, mode, keys);
    this.readFraction = readFraction;
    this.blindFraction = blindFraction;
    this.deleteFraction = deleteFraction;
  }

  @Override
  public Op next(int process, SimRandom random) {
    String key = random.pick(keys());
    if (random.chance(readFraction)) {
      return Op.invoke(process, "read", null, Map.of("workload", name(), "key", key));
    }
    // a delete takes a unique id from the same counter: it supersedes like a write, is never read
    String f = random.chance(deleteFraction) ? "delete" : "write";
    boolean blind = random.chance(blindFraction);
    return Op.invoke(process, f, nextValue++, Map.of("workload", name(), "key", key, "blind", blind));
  }

  @Override
  public CompletableFuture<Op> apply(Op invoke, SimNode node, Attempt attempt) {
    BucketKey key = new BucketKey(name(), (String) invoke.get("key"));
    boolean blind = Boolean.TRUE.equals(invoke.get("blind"));
    if (!invoke.f().equals("read") && blind) {
      attempt.extra = Map.of("supersedes", Set.of());
      return write(invoke, node, key, VersionVector.empty(), attempt);
    }
    return node.get(key, 0).thenCompose(read -> {
      if (read.outcome() == QuorumOutcome.FAILED) {
        return CompletableFuture.completedFuture(Outcome.readFailed(invoke, "unavailable: " + read.detail()));
      }
      Set<Long> seen = SimWorkload.observed(read.object());
      if (invoke.f().equals("read")) {
        return CompletableFuture.completedFuture(invoke.complete(OpType.OK, seen, Map.of()));
      }
      attempt.extra = Map.of("supersedes", seen);
      return write(invoke, node, key, read.object().context(), attempt);
    }).exceptionally(error -> attempt.writeSent ? Outcome.writeError(invoke, error, attempt.extra) : Outcome.readError(invoke, error));
  }

  private CompletableFuture<Op> write(Op invoke, SimNode node, BucketKey key, VersionVector context, Attempt attempt) {
    attempt.writeSent = true;
    boolean delete = invoke.f().equals("delete");
    return node.put(key, context, delete ? new byte[0] : SimWorkload.encode(Set.of((Long) invoke.value())), delete)
        .handle((put, error) -> error != null ? Outcome.writeError(invoke, error, attempt.extra)
            : Outcome.ofWrite(invoke, put.outcome(), put.detail(), attempt.extra));
  }

  @Override
  public CheckResult check(History own) {
    return new SiblingRegisterChecker().check(own);
  }
}
