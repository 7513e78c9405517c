package io.cairn.node.config;

import java.util.List;

/**
 * A configuration that cannot be used. It carries every problem found, not just the first, so an
 * operator fixes a file in one round instead of one error per restart.
 */
public final class ConfigException extends RuntimeException {

  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(format(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order found. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(List<ConfigProblem> problems) {
    StringBuilder sb = new StringBuilder("invalid configuration (")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem)" : " problems)");
    for (ConfigProblem p : problems) {
      sb.append(System.lineSeparator()).append("  - ").append(p);
    }
    return sb.toString();
  }
}
