package io.cairn.verification.jepsen.workload;

import io.cairn.client.CairnClient;
import io.cairn.client.CairnException;
import io.cairn.client.Fetched;
import io.cairn.verification.checker.SetFullChecker;
import io.cairn.verification.history.History;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jepsen's set: each add puts a unique element into one of a few keys by read-modify-write — read
 * the siblings, merge them by union, add the element, write back with the read's context. Reads
 * return the union. Checked with set-full semantics: an acknowledged add must be in every final
 * read. Under {@code lww} concurrent read-modify-writes overwrite each other, so the same workload
 * on an {@code lww} bucket is the negative control.
 */
public final class SetWorkload extends KeyedWorkload {
  private final double readFraction;
  private final long maxAdds;
  private final AtomicLong nextElement = new AtomicLong();

  /**
   * @param readFraction share of ops that are reads
   * @param maxAdds      adds to attempt at most in the whole run ({@code Long.MAX_VALUE}: no cap)
   */
  public SetWorkload(String name, String bucket, List<String> keys, String conflictMode,
            double readFraction, long maxAdds) {
    super(name, bucket, keys, conflictMode);
    this.readFraction = readFraction;
    this.maxAdds = maxAdds;
  }

  @Override
  public Op next(int process, Random random) {
    String key = keys().get(random.nextInt(keys().size()));
    if (random.nextDouble() < readFraction) {
      return Op.invoke(process, "read", null, Map.of("workload", name(), "key", key));
    }
    long element = nextElement.getAndIncrement();
    if (element >= maxAdds) {
      return null;
    }
    return Op.invoke(process, "add", element, Map.of("workload", name(), "key", key));
  }

  @Override
  public Op apply(Op invoke, CairnClient client) {
    String key = (String) invoke.get("key");
    if (invoke.f().equals("read")) {
      try {
        return invoke.complete(OpType.OK, observed(client.get(bucket(), key)), Map.of());
      } catch (RuntimeException e) {
        return Outcomes.readFailed(invoke, e);
      }
    }
    Fetched current;
    try {
      current = client.get(bucket(), key);
    } catch (RuntimeException e) {
      return Outcomes.readFailed(invoke, e); // nothing was written yet
    }
    Set<Long> merged = ElementCodec.union(current);
    merged.add((Long) invoke.value());
    try {
      client.put(bucket(), key, ElementCodec.encode(merged), ElementCodec.CONTENT_TYPE,
          current.context().orElse(null));
      return invoke.complete(OpType.OK, invoke.value(), Map.of());
    } catch (CairnException e) {
      return Outcomes.writeFailed(invoke, e, Map.of());
    }
  }

  @Override
  public Set<Long> observed(Fetched fetched) {
    return ElementCodec.union(fetched);
  }

  @Override
  public CheckOutcome check(History history) {
    SetFullChecker checker = new SetFullChecker();
    var full = checker.check(history);
    var survival = checker.survival(history);
    // Jepsen's Riak-experiment lines beside the set-full figures, for every set workload
    Map<String, Object> figures = new LinkedHashMap<>(full.toEdn());
    figures.put("survival", survival.toEdn());
    figures.put("survival-lines", survival.lines());
    return new CheckOutcome(full.valid(), figures);
  }
}
