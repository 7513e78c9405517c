package io.cairn.protocol.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Per-bucket replication and conflict settings: {@code n} replicas per key, default read quorum
 * {@code r}, default write quorum {@code w}, and the {@link ConflictMode}.
 *
 * <p>The record accepts any values so that a request can be decoded and then answered with every
 * problem at once; {@link #validate(int)} is what makes them usable.
 */
public record BucketProps(int n, int r, int w, ConflictMode conflictMode) {

  /** Dynamo's classic (3, 2, 2): a read quorum and a write quorum always overlap (r + w > n). */
  public static final BucketProps DEFAULT = new BucketProps(3, 2, 2, ConflictMode.SIBLINGS);

  public BucketProps {
    Objects.requireNonNull(conflictMode, "conflictMode");
  }

  /**
   * Checks {@code 1 <= r, w <= n <= clusterSize}.
   *
   * @throws InvalidBucketPropsException naming every violated rule
   */
  public BucketProps validate(int clusterSize) {
    List<String> problems = new ArrayList<>();
    if (n < 1) {
      problems.add("n=" + n + " must be at least 1");
    } else if (n > clusterSize) {
      problems.add(
          "n=" + n + " is more than the " + clusterSize + " node(s) in the cluster; "
              + "each replica of a key must live on a distinct node");
    }
    checkQuorum("r", r, "a read", problems);
    checkQuorum("w", w, "a write", problems);
    if (!problems.isEmpty()) {
      throw new InvalidBucketPropsException(problems);
    }
    return this;
  }

  private void checkQuorum(String name, int value, String what, List<String> problems) {
    if (value < 1) {
      problems.add(name + "=" + value + " must be at least 1");
    } else if (value > n) {
      problems.add(
          name + "=" + value + " is more than n=" + n + "; " + what
              + " cannot wait for more replicas than hold the key");
    }
  }

  public BucketProps withN(int newN) {
    return new BucketProps(newN, r, w, conflictMode);
  }

  public BucketProps withR(int newR) {
    return new BucketProps(n, newR, w, conflictMode);
  }

  public BucketProps withW(int newW) {
    return new BucketProps(n, r, newW, conflictMode);
  }

  public BucketProps withConflictMode(ConflictMode mode) {
    return new BucketProps(n, r, w, mode);
  }
}
