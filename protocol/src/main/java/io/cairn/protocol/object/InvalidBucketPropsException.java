package io.cairn.protocol.object;

import java.util.List;

/** Bucket properties that cannot work; the message lists every problem, not just the first. */
public final class InvalidBucketPropsException extends IllegalArgumentException {

  private final List<String> problems;

  public InvalidBucketPropsException(List<String> problems) {
    super("invalid bucket properties: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
