package io.cairn.protocol.quorum;

import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.PreferenceList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whom one get asks: the first N reachable nodes of the key's preference list (Dynamo: "all read
 * and write operations are performed on the first N healthy nodes"). Every reachable primary is
 * asked; an unreachable primary is replaced by the next reachable fallback, which answers from its
 * own copy and the hints it holds for the key. {@code r} counts every reply, {@code pr} primaries
 * only. So a get is as available as a put on any side of a partition that holds {@code r} nodes.
 *
 * <p>Pending owners are not asked: their copy is incomplete until their transfer finishes, and the
 * list already names N nodes that can answer.
 *
 * @param ringVersion the version of the ring the plan was made under ({@link #stillAppliesTo})
 * @param targets primaries and their stand-ins, in preference-list order
 */
public record ReadPlan(long ringVersion, int partition, List<ReplicaTarget> targets) {

  public ReadPlan {
    targets = List.copyOf(targets);
  }

  /** The coordinator counts as reachable: it can always read its own copy. */
  public static ReadPlan of(PreferenceList list, NodeId coordinator, Predicate<NodeId> reachable, long ringVersion) {
    Objects.requireNonNull(coordinator, "coordinator");
    Predicate<NodeId> up = n -> n.equals(coordinator) || reachable.test(n);
    List<NodeId> standIns = list.fallbacks().stream().filter(up).toList();
    int next = 0;
    List<ReplicaTarget> targets = new ArrayList<>();
    Set<NodeId> used = new HashSet<>();
    for (NodeId p : list.primaries()) {
      if (up.test(p)) {
        targets.add(ReplicaTarget.primary(p));
      } else if (next < standIns.size()) {
        targets.add(ReplicaTarget.fallbackFor(standIns.get(next++), p));
      }
    }
    for (ReplicaTarget t : targets) {
      if (!used.add(t.node())) {
        throw new IllegalStateException("node " + t.node() + " planned twice for partition " + list.partition());
      }
    }
    return new ReadPlan(ringVersion, list.partition(), targets);
  }

  public long primaries() {
    return targets.stream().filter(ReplicaTarget::isPrimary).count();
  }

  /** Whether enough targets exist to meet the quorum if every one of them replied. */
  public boolean canMeet(int r, int pr) {
    return targets.size() >= r && primaries() >= pr;
  }

  /** Whether the plan was made under {@code currentRingVersion}. */
  public boolean stillAppliesTo(long currentRingVersion) {
    return ringVersion == currentRingVersion;
  }

  /** A sentence for a client whose get the plan cannot serve. */
  public String describeShortfall(int r, int pr) {
    return "not enough replicas reachable: " + targets.size() + " targets (" + primaries() + " primaries) for r=" + r
        + ", pr=" + pr;
  }
}
