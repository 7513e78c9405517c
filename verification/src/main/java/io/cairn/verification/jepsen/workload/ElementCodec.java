package io.cairn.verification.jepsen.workload;

import io.cairn.client.Fetched;
import io.cairn.client.Value;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * How workloads store integers: a value is a comma-separated list of decimal numbers (a set's
 * elements, or one register value). Readable with curl, and tolerant of nothing else: a value that
 * does not parse is reported, never skipped.
 */
public final class ElementCodec {
  public static final String CONTENT_TYPE = "text/plain";

  private ElementCodec() {
  }

  public static byte[] encode(Set<Long> elements) {
    StringJoiner joined = new StringJoiner(",");
    new TreeSet<>(elements).forEach(e -> joined.add(Long.toString(e)));
    return joined.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static Set<Long> decode(Value value) {
    String text = value.asString().strip();
    Set<Long> elements = new TreeSet<>();
    if (!text.isEmpty()) {
      for (String part : text.split(",")) {
        elements.add(Long.parseLong(part));
      }
    }
    return elements;
  }

  /** The union over all siblings: how a set merges concurrent versions. */
  public static Set<Long> union(Fetched fetched) {
    Set<Long> all = new TreeSet<>();
    fetched.siblings().forEach(v -> all.addAll(decode(v)));
    return all;
  }
}
