package io.cairn.protocol.ring;


/**
 * The stable name of a node in the cluster, e.g. {@code n1} or {@code cairn-eu-3}.
 *
 * <p>Restricted to a small alphabet so that it is safe in file names, metric labels, HTTP headers
 * and log lines without escaping. The name alone is not a causality actor: see
 * {@link io.cairn.protocol.causality.Actor}, which adds the node's persisted epoch.
 */
public record NodeId(String value) implements Comparable<NodeId> {

  /** Longest node id accepted; long enough for host names, short enough to keep contexts compact. */
  public static final int MAX_LENGTH = 64;


  public NodeId {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("node id must not be empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "node id '" + value + "' is " + value.length() + " characters; at most " + MAX_LENGTH
              + " are allowed");
    }
    if (!validChars(value)) {
      throw new IllegalArgumentException(
          "node id '" + value + "' may contain only letters, digits, '.', '_' and '-', "
              + "and must start with a letter or digit");
    }
  }

  /**
   * {@code [A-Za-z0-9][A-Za-z0-9._-]*}, checked by hand: ids are decoded from every internode
   * message, and a regex matcher per id showed up in profiles.
   */
  private static boolean validChars(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  public static NodeId of(String value) {
    return new NodeId(value);
  }

  /** The name's hash, without the generic record machinery: ids key the quorum tallies. */
  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId other && value.equals(other.value);
  }

  @Override
  public int compareTo(NodeId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
