package io.cairn.verification.jepsen.nemesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who drops whose traffic during a partition, as Jepsen calls it: node → the nodes it refuses to
 * hear from. Every grudge built here is symmetric, so dropping inbound packets on each side cuts
 * both directions.
 */
public record Grudge(Map<String, Set<String>> drops) {
  public Grudge {
    Map<String, Set<String>> copy = new TreeMap<>();
    drops.forEach((node, peers) -> copy.put(node, Collections.unmodifiableSet(new TreeSet<>(peers))));
    drops = Collections.unmodifiableMap(copy);
  }

  /** Two halves (the larger one a majority) that cannot reach each other. */
  public static Grudge randomHalves(List<String> nodes, Random random) {
    List<String> shuffled = shuffled(nodes, random);
    int cut = shuffled.size() / 2;
    return complete(shuffled.subList(0, cut), shuffled.subList(cut, shuffled.size()));
  }

  /** One node cut off from all others. */
  public static Grudge isolateOne(List<String> nodes, Random random) {
    List<String> shuffled = shuffled(nodes, random);
    return complete(shuffled.subList(0, 1), shuffled.subList(1, shuffled.size()));
  }

  /**
   * Jepsen's majorities ring: on a shuffled ring each node hears only itself and its nearest
   * neighbours, enough for a majority — but every node sees a different majority.
   */
  public static Grudge majoritiesRing(List<String> nodes, Random random) {
    List<String> ring = shuffled(nodes, random);
    int n = ring.size();
    // neighbours heard on each side, so that itself plus 2 * reach make a majority (n/2 + 1)
    int reach = Math.max(1, (n / 2 + 1) / 2);
    Map<String, Set<String>> drops = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      Set<String> dropped = new TreeSet<>();
      for (int j = 0; j < n; j++) {
        int distance = Math.min(Math.abs(i - j), n - Math.abs(i - j));
        if (distance > reach) {
          dropped.add(ring.get(j));
        }
      }
      drops.put(ring.get(i), dropped);
    }
    return new Grudge(drops);
  }

  /** Two halves joined by one bridge node that hears both sides. */
  public static Grudge bridge(List<String> nodes, Random random) {
    List<String> shuffled = shuffled(nodes, random);
    int mid = shuffled.size() / 2;
    Grudge halves = complete(shuffled.subList(0, mid), shuffled.subList(mid + 1, shuffled.size()));
    Map<String, Set<String>> drops = new TreeMap<>(halves.drops());
    drops.put(shuffled.get(mid), Set.of());
    return new Grudge(drops);
  }

  /** A fixed split, e.g. Jepsen's Riak experiment: {n1, n2} | {n3, n4, n5}. */
  public static Grudge complete(List<String> a, List<String> b) {
    Map<String, Set<String>> drops = new TreeMap<>();
    a.forEach(node -> drops.put(node, new TreeSet<>(b)));
    b.forEach(node -> drops.put(node, new TreeSet<>(a)));
    return new Grudge(drops);
  }

  /** The grudge as written into the history: {@code {"n1" ["n3" "n4"], ...}}. */
  public Map<String, Object> asValue() {
    Map<String, Object> value = new TreeMap<>();
    drops.forEach((node, peers) -> value.put(node, List.copyOf(peers)));
    return value;
  }

  private static List<String> shuffled(List<String> nodes, Random random) {
    List<String> copy = new ArrayList<>(nodes);
    Collections.shuffle(copy, random);
    return copy;
  }
}
