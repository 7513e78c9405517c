package io.cairn.protocol.quorum;

import io.cairn.protocol.ring.NodeId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who was asked and who answered how: the bookkeeping both quorums share. Each target counts once
 * (duplicates and late copies are ignored); successes from primaries are counted apart, because
 * {@code pr}/{@code pw} count only primaries. Pending owners are tracked (so a request is complete
 * only when they answered too) but never counted toward a quorum.
 */
final class ReplyTally {

  private final Map<NodeId, ReplicaTarget> targets = new LinkedHashMap<>();
  private final Map<NodeId, Boolean> answered = new HashMap<>();
  private final String operation;
  private int successes;
  private int primarySuccesses;

  ReplyTally(List<ReplicaTarget> targets, String operation) {
    this.operation = operation;
    for (ReplicaTarget t : targets) {
      if (this.targets.put(t.node(), t) != null) {
        throw new IllegalArgumentException("node " + t.node() + " is targeted twice");
      }
    }
  }

  /** Validates a quorum size and its primaries-only part against the targets. */
  void checkQuorum(String name, int needed, String primaryName, int neededPrimaries) {
    long counting = targets.values().stream().filter(ReplicaTarget::counts).count();
    if (needed < 1 || needed > counting) {
      throw new IllegalArgumentException(name + "=" + needed + " must be between 1 and the " + counting + " targets");
    }
    if (neededPrimaries < 0 || neededPrimaries > needed) {
      throw new IllegalArgumentException(primaryName + "=" + neededPrimaries + " must be between 0 and " + name + "=" + needed);
    }
    long primaries = targets.values().stream().filter(ReplicaTarget::isPrimary).count();
    if (neededPrimaries > primaries) {
      throw new IllegalArgumentException(primaryName + "=" + neededPrimaries + " but only " + primaries + " primaries are reachable");
    }
  }

  /** Records {@code node}'s answer; returns false if it had already answered (ignored). */
  boolean record(NodeId node, boolean success) {
    Objects.requireNonNull(node, "node");
    ReplicaTarget target = targets.get(node);
    if (target == null) {
      throw new IllegalArgumentException(node + " is not a target of this " + operation);
    }
    if (answered.putIfAbsent(node, success) != null) {
      return false;
    }
    if (success && target.counts()) {
      successes++;
      if (target.isPrimary()) {
        primarySuccesses++;
      }
    }
    return true;
  }

  /** Whether the answers still missing could bring the successes to the quorum. */
  boolean canStillReach(int needed, int neededPrimaries) {
    int pending = 0;
    int pendingPrimaries = 0;
    for (ReplicaTarget t : targets.values()) {
      if (t.counts() && !answered.containsKey(t.node())) {
        pending++;
        if (t.isPrimary()) {
          pendingPrimaries++;
        }
      }
    }
    return successes + pending >= needed && primarySuccesses + pendingPrimaries >= neededPrimaries;
  }

  boolean met(int needed, int neededPrimaries) {
    return successes >= needed && primarySuccesses >= neededPrimaries;
  }

  boolean isPrimary(NodeId node) {
    return targets.get(node).isPrimary();
  }

  ReplicaTarget target(NodeId node) {
    return targets.get(node);
  }

  boolean complete() {
    return answered.size() == targets.size();
  }

  int successes() {
    return successes;
  }

  int primarySuccesses() {
    return primarySuccesses;
  }

  int size() {
    return targets.size();
  }
}
