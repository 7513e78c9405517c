package io.cairn.verification.jepsen.nemesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Which nodes a process fault hits: Jepsen's {@code :one}, {@code :minority}, {@code :all}. */
public enum Targets {
  ONE, MINORITY, ALL;

  public List<String> pick(List<String> nodes, Random random) {
    List<String> shuffled = new ArrayList<>(nodes);
    Collections.shuffle(shuffled, random);
    int count = switch (this) {
      case ONE -> 1;
      case MINORITY -> 1 + random.nextInt((nodes.size() - 1) / 2); // 1 .. floor((n-1)/2)
      case ALL -> nodes.size();
    };
    List<String> picked = new ArrayList<>(shuffled.subList(0, count));
    Collections.sort(picked);
    return picked;
  }
}
