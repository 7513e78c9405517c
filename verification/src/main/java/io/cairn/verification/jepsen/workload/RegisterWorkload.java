package io.cairn.verification.jepsen.workload;

import io.cairn.client.CairnClient;
import io.cairn.client.CairnException;
import io.cairn.client.Fetched;
import io.cairn.client.WriteOptions;
import io.cairn.verification.checker.SiblingRegisterChecker;
import io.cairn.verification.history.History;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sibling register: unique integers written to a few keys, some blind (no context: the value
 * joins whatever is there as a sibling), most with the context of a read just before (the value
 * replaces exactly the siblings that read returned, recorded as {@code :supersedes}); some ops are
 * deletes, which supersede the same way but leave a tombstone. Checked for lost, resurrected
 * (deleted or overwritten values coming back) and phantom values and for false siblings.
 */
public final class RegisterWorkload extends KeyedWorkload {
  private final double readFraction;
  private final double blindFraction;
  private final double deleteFraction;
  private final AtomicLong nextValue = new AtomicLong();

  /**
   * @param readFraction   share of ops that are reads
   * @param blindFraction  share of writes and deletes sent without a context
   * @param deleteFraction share of ops that are deletes (tombstones that supersede what their read saw)
   */
  public RegisterWorkload(String name, String bucket, List<String> keys, String conflictMode,
              double readFraction, double blindFraction, double deleteFraction) {
    super(name, bucket, keys, conflictMode);
    this.readFraction = readFraction;
    this.blindFraction = blindFraction;
    this.deleteFraction = deleteFraction;
  }

  @Override
  public Op next(int process, Random random) {
    String key = keys().get(random.nextInt(keys().size()));
    if (random.nextDouble() < readFraction) {
      return Op.invoke(process, "read", null, Map.of("workload", name(), "key", key));
    }
    // a delete gets a unique id from the same counter: it supersedes like a write, is never read
    String f = random.nextDouble() < deleteFraction ? "delete" : "write";
    // the API refuses a delete without a context (428), so only writes go blind
    boolean blind = f.equals("write") && random.nextDouble() < blindFraction;
    return Op.invoke(process, f, nextValue.getAndIncrement(),
        Map.of("workload", name(), "key", key, "blind", blind));
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
    Set<Long> supersedes = new TreeSet<>();
    String context = null;
    if (!Boolean.TRUE.equals(invoke.get("blind"))) {
      try {
        Fetched current = client.get(bucket(), key);
        supersedes.addAll(observed(current));
        context = current.context().orElse(null);
      } catch (RuntimeException e) {
        return Outcomes.readFailed(invoke, e); // nothing was written yet
      }
    }
    Map<String, Object> extra = Map.of("supersedes", supersedes);
    try {
      if (invoke.f().equals("delete")) {
        client.delete(bucket(), key, context, WriteOptions.DEFAULT);
      } else {
        client.put(bucket(), key, ElementCodec.encode(Set.of((Long) invoke.value())),
            ElementCodec.CONTENT_TYPE, context);
      }
      return invoke.complete(OpType.OK, invoke.value(), extra);
    } catch (CairnException e) {
      return Outcomes.writeFailed(invoke, e, extra);
    }
  }

  @Override
  public Set<Long> observed(Fetched fetched) {
    Set<Long> values = new TreeSet<>();
    fetched.siblings().forEach(v -> values.addAll(ElementCodec.decode(v)));
    return values;
  }

  @Override
  public CheckOutcome check(History history) {
    var result = new SiblingRegisterChecker().check(history);
    return new CheckOutcome(result.valid(), result.toEdn());
  }
}
