package io.cairn.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed values out of a {@link ConfigTree}, collecting a problem for each bad one instead of
 * stopping at the first. A bad value reads as a placeholder and its key is remembered, so that
 * cross-setting rules can skip keys already reported rather than pile up follow-on errors.
 */
final class Binder {

  private final ConfigTree tree;
  private final List<ConfigProblem> problems;
  private final Set<String> failed = new HashSet<>();

  Binder(ConfigTree tree, List<ConfigProblem> problems) {
    this.tree = tree;
    this.problems = problems;
  }

  /** The raw node at a dotted {@code section.name} key, if present. */
  Optional<JsonNode> raw(String key) {
    int dot = key.indexOf('.');
    JsonNode section = tree.root().get(key.substring(0, dot));
    if (section == null || !section.isObject()) {
      return Optional.empty();
    }
    return Optional.ofNullable(section.get(key.substring(dot + 1)));
  }

  /** Whether none of {@code keys} has been reported. */
  boolean ok(String... keys) {
    for (String k : keys) {
      if (failed.contains(k)) {
        return false;
      }
    }
    return true;
  }

  /** Marks a key as unusable without a message, when the cause has been reported elsewhere. */
  void skip(String key) {
    failed.add(key);
  }

  /** Records a problem about {@code key}, saying where its value came from. */
  void problem(String key, String message) {
    failed.add(key);
    problems.add(new ConfigProblem(key, message + tree.originSuffix(key)));
  }

  String string(String key, String fallback) {
    Optional<JsonNode> node = raw(key);
    if (node.isEmpty()) {
      return fallback;
    }
    return stringOf(key, node.get(), key);
  }

  /** A non-blank scalar, as text. {@code reportAs} names the key in messages. */
  String stringOf(String key, JsonNode node, String reportAs) {
    if (!node.isValueNode() || node.isNull()) {
      problemAs(key, reportAs, "expected text, got " + ConfigTree.describe(node));
      return "";
    }
    String text = node.asText().trim();
    if (text.isEmpty()) {
      problemAs(key, reportAs, "must not be empty");
    }
    return text;
  }

  int intIn(String key, long min, long max) {
    return (int) longIn(key, min, max);
  }

  long longIn(String key, long min, long max) {
    Optional<JsonNode> node = raw(key);
    if (node.isEmpty()) {
      // Every integer setting has a plain default, so absence means a derived default.
      failed.add(key);
      return 0;
    }
    return longOf(key, node.get(), key, min, max);
  }

  long longOf(String key, JsonNode node, String reportAs, long min, long max) {
    Long value = null;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      value = node.asLong();
    } else if (node.isTextual()) {
      try {
        value = Long.parseLong(node.asText().trim());
      } catch (NumberFormatException e) {
        value = null;
      }
    }
    if (value == null) {
      problemAs(key, reportAs, "expected a whole number, got " + ConfigTree.describe(node));
      return 0;
    }
    if (value < min || value > max) {
      problemAs(key, reportAs, rangeMessage(value, min, max));
      return 0;
    }
    return value;
  }

  double doubleIn(String key, double minExclusive, double max) {
    JsonNode node = raw(key).orElseThrow();
    double value;
    if (node.isNumber()) {
      value = node.asDouble();
    } else {
      try {
        value = node.isTextual() ? Double.parseDouble(node.asText().trim()) : Double.NaN;
      } catch (NumberFormatException e) {
        value = Double.NaN;
      }
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      problem(key, "expected a number, got " + ConfigTree.describe(node));
      return 0;
    }
    if (value <= minExclusive || value > max) {
      problem(key, "must be greater than " + fmt(minExclusive) + " and at most " + fmt(max) + ", got " + fmt(value));
      return 0;
    }
    return value;
  }

  <E> E choice(String key, Function<String, E> parse, String allowed) {
    JsonNode node = raw(key).orElseThrow();
    String text = stringOf(key, node, key);
    if (!ok(key)) {
      return null;
    }
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      problem(key, "'" + text + "' is not one of " + allowed);
      return null;
    }
  }

  /**
   * Records a problem reported under {@code reportAs} (e.g. {@code cluster.members[1].host}) whose
   * value came from the layer that set {@code key}.
   */
  void problemAs(String key, String reportAs, String message) {
    failed.add(reportAs);
    problems.add(new ConfigProblem(reportAs, message + tree.originSuffix(key)));
  }

  private static String rangeMessage(long value, long min, long max) {
    if (max == 65_535 && min == 1) {
      return value + " is not a valid port; use 1 to 65535";
    }
    if (value < 0 && min >= 0) {
      return "must not be negative, got " + value;
    }
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return "must be at least " + min + ", got " + value;
    }
    return "must be between " + min + " and " + max + ", got " + value;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
