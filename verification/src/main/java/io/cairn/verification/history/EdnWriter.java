package io.cairn.verification.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * Writes EDN as Jepsen does: history.edn has one op map per line with keys in the order
 * {@code :index :time :type :process :f :value} followed by the op's extra keys, and map entries
 * separated by {@code ", "} like Clojure's printer.
 *
 * <p>Java values map to EDN as: String → string; Long, Integer, Short, Byte → integer; BigInteger
 * → {@code 1N}; Double, Float → floating point ({@code ##NaN}, {@code ##Inf}); BigDecimal →
 * {@code 1.5M}; Boolean; null → {@code nil}; {@link Keyword} → {@code :name}; List (any
 * non-set collection) → vector; Set → {@code #{..}}, sorted when its elements are mutually
 * comparable so output is deterministic; Map → {@code {..}} with String keys written as keywords
 * when they are valid keyword names; an enum → keyword of its lower-cased name.
 */
public final class EdnWriter {

  /** Names that read back as a keyword: not starting with a digit, no whitespace or delimiters. */
  private static final Pattern KEYWORD_NAME =
      Pattern.compile("[A-Za-z*+!_?<>=.\\-][A-Za-z0-9*+!_?<>=.\\-:/#']*");

  private EdnWriter() {
  }

  /** One op as Jepsen's history.edn writes it, without the trailing newline. */
  public static String writeOp(Op op) {
    StringBuilder out = new StringBuilder(96);
    out.append("{:index ").append(op.index())
        .append(", :time ").append(op.time())
        .append(", :type :").append(op.type().keyword())
        .append(", :process ");
    if (op.isNemesis()) {
      out.append(":nemesis");
    } else {
      out.append(op.process());
    }
    out.append(", :f ");
    appendKeywordOrString(out, op.f());
    out.append(", :value ");
    append(out, op.value());
    for (Map.Entry<String, Object> e : op.extra().entrySet()) {
      out.append(", ");
      appendKey(out, e.getKey());
      out.append(' ');
      append(out, e.getValue());
    }
    return out.append('}').toString();
  }

  /** Every op of {@code ops}, one per line. */
  public static void writeHistory(Iterable<Op> ops, Writer writer) {
    try {
      for (Op op : ops) {
        writer.write(writeOp(op));
        writer.write('\n');
      }
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void writeHistory(History history, Path file) {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeHistory(history.ops(), writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Any supported value as EDN text. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  /** Writes {@code value} (results.edn, say) followed by a newline. */
  public static void write(Object value, Path file) {
    try {
      Files.writeString(file, write(value) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static boolean isKeywordName(String name) {
    return KEYWORD_NAME.matcher(name).matches() && !name.equals("nil")
        && !name.equals("true") && !name.equals("false")
        // "-1" or "+2" would not read back as a keyword name.
        && !((name.charAt(0) == '-' || name.charAt(0) == '+' || name.charAt(0) == '.')
            && name.length() > 1 && Character.isDigit(name.charAt(1)));
  }

  static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("nil");
    } else if (value instanceof String s) {
      appendString(out, s);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      out.append(((Number) value).longValue());
    } else if (value instanceof BigInteger b) {
      out.append(b).append('N');
    } else if (value instanceof Double || value instanceof Float) {
      appendDouble(out, ((Number) value).doubleValue());
    } else if (value instanceof BigDecimal d) {
      out.append(d.toPlainString()).append('M');
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Keyword k) {
      out.append(':').append(k.name());
    } else if (value instanceof Enum<?> e) {
      out.append(':').append(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    } else if (value instanceof Map<?, ?> m) {
      appendMap(out, m);
    } else if (value instanceof Set<?> s) {
      out.append("#{");
      appendElements(out, sortedIfComparable(s));
      out.append('}');
    } else if (value instanceof Collection<?> c) {
      out.append('[');
      appendElements(out, c);
      out.append(']');
    } else {
      throw new IllegalArgumentException("no EDN form for " + value.getClass().getName() + ": " + value);
    }
  }

  private static void appendMap(StringBuilder out, Map<?, ?> map) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      if (e.getKey() instanceof String s) {
        appendKey(out, s);
      } else {
        append(out, e.getKey());
      }
      out.append(' ');
      append(out, e.getValue());
    }
    out.append('}');
  }

  private static void appendElements(StringBuilder out, Collection<?> elements) {
    Iterator<?> it = elements.iterator();
    while (it.hasNext()) {
      append(out, it.next());
      if (it.hasNext()) {
        out.append(' ');
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Collection<?> sortedIfComparable(Set<?> set) {
    if (set.isEmpty() || set instanceof SortedSet<?>) {
      return set;
    }
    Class<?> type = null;
    for (Object o : set) {
      if (!(o instanceof Comparable) || (type != null && o.getClass() != type)) {
        return set;
      }
      type = o.getClass();
    }
    List<Comparable> sorted = new ArrayList<>((Collection<Comparable>) set);
    Collections.sort(sorted);
    return sorted;
  }

  private static void appendKey(StringBuilder out, String key) {
    appendKeywordOrString(out, key);
  }

  private static void appendKeywordOrString(StringBuilder out, String name) {
    if (isKeywordName(name)) {
      out.append(':').append(name);
    } else {
      appendString(out, name);
    }
  }

  private static void appendDouble(StringBuilder out, double d) {
    if (Double.isNaN(d)) {
      out.append("##NaN");
    } else if (Double.isInfinite(d)) {
      out.append(d > 0 ? "##Inf" : "##-Inf");
    } else {
      out.append(d);
    }
  }

  private static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
