package io.cairn.protocol.causality;

import io.cairn.protocol.ring.NodeId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A small cluster of replicas holding one key, run two ways side by side: with the real {@link
 * DvvSet} (values are write ids) and with an explicit model of causal history (for each write, the
 * set of writes its author had seen). The model is the specification: a replica's siblings must be
 * exactly the writes in its history that no other write in its history has seen.
 */
final class ReplicaModel {

  /** What a client knows: the context it would send and the writes it has actually seen. */
  record Knowledge(VersionVector context, BitSet seen) {
    static Knowledge none() {
      return new Knowledge(VersionVector.empty(), new BitSet());
    }

    Knowledge merge(Knowledge other) {
      BitSet both = (BitSet) seen.clone();
      both.or(other.seen);
      return new Knowledge(context.merge(other.context), both);
    }
  }

  private final List<DvvSet<Integer>> states = new ArrayList<>();
  private final List<BitSet> histories = new ArrayList<>();
  private final List<Long> epochs = new ArrayList<>();
  /** For each write id: the writes its author had seen, and the dot it got. */
  private final List<BitSet> pasts = new ArrayList<>();
  private final List<Dot> dots = new ArrayList<>();
  private final boolean bumpEpochOnWipe;

  ReplicaModel(int replicas, boolean bumpEpochOnWipe) {
    this.bumpEpochOnWipe = bumpEpochOnWipe;
    for (int i = 0; i < replicas; i++) {
      states.add(DvvSet.empty());
      histories.add(new BitSet());
      epochs.add(0L);
    }
  }

  int replicas() {
    return states.size();
  }

  int writes() {
    return pasts.size();
  }

  Actor actor(int replica) {
    return new Actor(NodeId.of("r" + replica), epochs.get(replica));
  }

  /** A coordinated read: the merge of the given replicas' states, as a client receives it. */
  Knowledge read(List<Integer> replicas) {
    Knowledge k = Knowledge.none();
    for (int r : replicas) {
      k = k.merge(new Knowledge(states.get(r).context(), (BitSet) histories.get(r).clone()));
    }
    return k;
  }

  /** A put at {@code replica} by a client that knows {@code k}; returns what the client knows after. */
  Knowledge write(int replica, Knowledge k) {
    int id = pasts.size();
    DvvSet<Integer> before = states.get(replica);
    DvvSet<Integer> after = before.write(actor(replica), k.context(), id);
    states.set(replica, after);
    pasts.add((BitSet) k.seen().clone());
    dots.add(new Dot(actor(replica), after.context().get(actor(replica))));
    BitSet h = histories.get(replica);
    h.or(k.seen());
    h.set(id);
    // The put answers with the resulting object (all siblings and their context): the client has
    // now seen everything the replica holds.
    return new Knowledge(after.context(), (BitSet) h.clone());
  }

  /** Anti-entropy / read repair: {@code to} merges {@code from}'s state. */
  void sync(int from, int to) {
    states.set(to, states.get(to).sync(states.get(from)));
    histories.get(to).or(histories.get(from));
  }

  /** The replica loses its disk: empty state and, unless disabled for a negative test, a new epoch. */
  void wipe(int replica) {
    states.set(replica, DvvSet.empty());
    histories.set(replica, new BitSet());
    if (bumpEpochOnWipe) {
      epochs.set(replica, epochs.get(replica) + 1);
    }
  }

  DvvSet<Integer> state(int replica) {
    return states.get(replica);
  }

  BitSet history(int replica) {
    return (BitSet) histories.get(replica).clone();
  }

  Dot dotOf(int writeId) {
    return dots.get(writeId);
  }

  /** The specification: writes in {@code history} that no write in {@code history} has seen. */
  List<Integer> expectedSiblings(BitSet history) {
    BitSet superseded = new BitSet();
    for (int w = history.nextSetBit(0); w >= 0; w = history.nextSetBit(w + 1)) {
      superseded.or(pasts.get(w));
    }
    List<Integer> out = new ArrayList<>();
    for (int w = history.nextSetBit(0); w >= 0; w = history.nextSetBit(w + 1)) {
      if (!superseded.get(w)) {
        out.add(w);
      }
    }
    return out;
  }
}
