package io.cairn.protocol.ring;

import java.util.regex.Pattern;

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

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public NodeId {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("node id must not be empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "node id '" + value + "' is " + value.length() + " characters; at most " + MAX_LENGTH
              + " are allowed");
    }
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "node id '" + value + "' may contain only letters, digits, '.', '_' and '-', "
              + "and must start with a letter or digit");
    }
  }

  public static NodeId of(String value) {
    return new NodeId(value);
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
