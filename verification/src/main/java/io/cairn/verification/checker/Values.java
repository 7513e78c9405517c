package io.cairn.verification.checker;

import io.cairn.verification.history.OpPair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small conversions shared by the checkers: op values are plain data, identities are Longs. */
final class Values {

  /** Orders keys with null (an op without {@code :key}) first. */
  static final Comparator<String> KEY_ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

  private Values() {
  }

  static long asLong(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException("expected an integer, got " + value);
  }

  /** The Longs of a collection value (a read's set); null reads as empty. */
  static long[] asLongs(Object value) {
    if (value == null) {
      return new long[0];
    }
    if (!(value instanceof Collection<?> c)) {
      throw new IllegalArgumentException("expected a collection of integers, got " + value);
    }
    long[] out = new long[c.size()];
    int i = 0;
    for (Object o : c) {
      out[i++] = asLong(o);
    }
    return out;
  }

  /** Pairs grouped by their {@code :key}, keys sorted (null first), each group in invocation order. */
  static Map<String, List<OpPair>> byKey(List<OpPair> pairs) {
    Map<String, List<OpPair>> groups = new TreeMap<>(KEY_ORDER);
    for (OpPair pair : pairs) {
      if (!pair.invocation().isNemesis()) {
        groups.computeIfAbsent(pair.key(), k -> new ArrayList<>()).add(pair);
      }
    }
    return groups;
  }

  static boolean isFinal(OpPair pair) {
    return Boolean.TRUE.equals(pair.get("final"));
  }

  /** The node a read was sent to, for reporting; "?" when the op does not say. */
  static String node(OpPair pair) {
    Object node = pair.get("node");
    return node == null ? "?" : node.toString();
  }
}
