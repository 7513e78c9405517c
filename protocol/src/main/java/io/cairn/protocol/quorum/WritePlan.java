package io.cairn.protocol.quorum;

import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.PreferenceList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where one put goes (riak_core's apl, Cassandra's ReplicaPlan), as a pure function of the key's
 * preference list, the nodes the coordinator can reach, the partition's pending owners and the ring
 * version it was made under.
 *
 * <p>Every reachable primary is a target. An unreachable primary is replaced by a stand-in that
 * keeps the copy as a hint for it: the coordinator itself when it is not a primary (it coordinates
 * only in a missing primary's place, and writes locally first to mint the dot), else the next
 * reachable fallback of the list. With no fallback left, the coordinator keeps a durable hint for
 * that primary itself ({@link #hintedHere}); such a hint counts toward nothing. Reachable pending
 * owners are extra targets that never count toward {@code w} or {@code pw}; an unreachable one is
 * left to its transfer, whose closing Merkle exchange brings what it missed.
 *
 * @param ringVersion the version of the ring the plan was made under ({@link #stillAppliesTo})
 * @param targets in order: the coordinator's own target first, then the other primaries and their
 *     stand-ins in preference-list order, then pending owners
 * @param hintedHere primaries for which the coordinator keeps a hint itself
 */
public record WritePlan(long ringVersion, int partition, NodeId coordinator, List<ReplicaTarget> targets,
    List<NodeId> hintedHere) {

  public WritePlan {
    Objects.requireNonNull(coordinator, "coordinator");
    targets = List.copyOf(targets);
    hintedHere = List.copyOf(hintedHere);
  }

  /**
   * @throws IllegalArgumentException if the coordinator is not a primary and every primary is
   *     reachable: such a put is forwarded to a primary, not coordinated here
   */
  public static WritePlan of(PreferenceList list, NodeId coordinator, Predicate<NodeId> reachable,
      Collection<NodeId> pendingOwners, long ringVersion) {
    Objects.requireNonNull(reachable, "reachable");
    boolean asStandIn = !list.primaries().contains(coordinator);
    List<ReplicaTarget> targets = new ArrayList<>();
    List<NodeId> hintedHere = new ArrayList<>();
    Set<NodeId> used = new HashSet<>();
    used.add(coordinator);
    Iterator<NodeId> fallbacks = list.fallbacks().stream()
        .filter(n -> !n.equals(coordinator) && reachable.test(n)).iterator();
    boolean standingIn = false;
    for (NodeId p : list.primaries()) {
      if (p.equals(coordinator)) {
        targets.add(0, ReplicaTarget.primary(p));
      } else if (reachable.test(p)) {
        targets.add(ReplicaTarget.primary(p));
        used.add(p);
      } else if (asStandIn && !standingIn) {
        // the coordinator keeps the hint in its hint store and its copy in its own replica store
        targets.add(0, ReplicaTarget.fallbackFor(coordinator, p));
        hintedHere.add(p);
        standingIn = true;
      } else if (fallbacks.hasNext()) {
        NodeId f = fallbacks.next();
        targets.add(ReplicaTarget.fallbackFor(f, p));
        used.add(f);
      } else {
        hintedHere.add(p);
      }
    }
    if (asStandIn && !standingIn) {
      throw new IllegalArgumentException(coordinator + " is not a primary of partition " + list.partition()
          + " and every primary is reachable: forward the put to a primary");
    }
    for (NodeId owner : pendingOwners) {
      if (!used.contains(owner) && reachable.test(owner)) {
        targets.add(ReplicaTarget.pendingOwner(owner));
        used.add(owner);
      }
    }
    return new WritePlan(ringVersion, list.partition(), coordinator, targets, hintedHere);
  }

  /** Targets whose acknowledgement counts toward {@code w} (primaries and fallbacks). */
  public long counting() {
    return targets.stream().filter(ReplicaTarget::counts).count();
  }

  public long primaries() {
    return targets.stream().filter(ReplicaTarget::isPrimary).count();
  }

  /** Whether the targets could meet the quorum if every one of them acknowledged. */
  public boolean canMeet(int w, int pw) {
    return counting() >= w && primaries() >= pw;
  }

  /** Whether the plan was made under {@code currentRingVersion}: an older plan may miss new owners. */
  public boolean stillAppliesTo(long currentRingVersion) {
    return ringVersion == currentRingVersion;
  }

  /** A sentence for a client whose put the plan cannot serve. */
  public String describeShortfall(int w, int pw) {
    return "not enough replicas reachable: " + counting() + " targets (" + primaries() + " primaries) for w=" + w
        + ", pw=" + pw;
  }
}
