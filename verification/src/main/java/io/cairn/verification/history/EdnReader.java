package io.cairn.verification.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the EDN that {@link EdnWriter} writes: keywords, strings, integers ({@code Long}, or
 * {@code BigInteger} with an {@code N} suffix or when too large), floating point ({@code Double},
 * {@code BigDecimal} with {@code M}), booleans, nil, vectors and lists (→ {@code List}), sets
 * (→ {@code Set}, in the order written), maps (→ {@code Map} in the order written), comments and
 * commas as whitespace. Map keys that are keywords become {@code String}s (so a map written with
 * String keys reads back equal); keywords elsewhere become {@link Keyword}. Tagged literals,
 * symbols and characters are not part of this subset and are rejected.
 */
public final class EdnReader {

  private final String text;
  private int pos;

  private EdnReader(String text) {
    this.text = text;
  }

  /** The single value in {@code text}. */
  public static Object read(String text) {
    EdnReader reader = new EdnReader(text);
    Object value = reader.next();
    reader.skipWhitespace();
    if (reader.pos < text.length()) {
      throw reader.error("unexpected text after the value");
    }
    return value;
  }

  /** Every top-level value in {@code text}, in order. */
  public static List<Object> readAll(String text) {
    EdnReader reader = new EdnReader(text);
    List<Object> values = new ArrayList<>();
    reader.skipWhitespace();
    while (reader.pos < text.length()) {
      values.add(reader.next());
      reader.skipWhitespace();
    }
    return values;
  }

  /** The ops of a history.edn text (one map per line, as Jepsen and EdnWriter write it). */
  public static List<Op> readOps(String text) {
    List<Op> ops = new ArrayList<>();
    for (Object value : readAll(text)) {
      if (!(value instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("history entry is not a map: " + value);
      }
      ops.add(toOp(map));
    }
    return ops;
  }

  public static History readHistory(Path file) {
    try {
      return new History(readOps(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An op from its map as read: {@code :process :nemesis} is {@link Op#NEMESIS}. */
  public static Op toOp(Map<?, ?> map) {
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      extra.put(e.getKey().toString(), e.getValue());
    }
    long index = ((Number) require(extra, "index")).longValue();
    long time = ((Number) require(extra, "time")).longValue();
    OpType type = OpType.ofKeyword(name(require(extra, "type")));
    Object process = require(extra, "process");
    int proc = process instanceof Number n ? n.intValue() : Op.NEMESIS;
    if (!(process instanceof Number) && !"nemesis".equals(name(process))) {
      throw new IllegalArgumentException("unknown :process " + process);
    }
    String f = name(require(extra, "f"));
    Object value = extra.remove("value");
    return new Op(index, time, type, proc, f, value, extra);
  }

  private static Object require(Map<String, Object> map, String key) {
    if (!map.containsKey(key)) {
      throw new IllegalArgumentException("op has no :" + key + ": " + map);
    }
    return map.remove(key);
  }

  private static String name(Object keywordOrString) {
    return keywordOrString instanceof Keyword k ? k.name() : String.valueOf(keywordOrString);
  }

  private Object next() {
    skipWhitespace();
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '"':
        return readString();
      case ':':
        pos++;
        String name = readToken();
        if (name.isEmpty()) {
          throw error("empty keyword");
        }
        return new Keyword(name);
      case '[':
        pos++;
        return Collections.unmodifiableList(readSeq(']'));
      case '(':
        pos++;
        return Collections.unmodifiableList(readSeq(')'));
      case '{':
        pos++;
        return readMap();
      case '#':
        return readDispatch();
      case ']': case ')': case '}':
        throw error("unbalanced '" + c + "'");
      default:
        return readAtom(readToken());
    }
  }

  private Object readDispatch() {
    pos++;
    if (pos < text.length() && text.charAt(pos) == '{') {
      pos++;
      Set<Object> set = new LinkedHashSet<>();
      for (Object element : readSeq('}')) {
        if (!set.add(element)) {
          throw error("duplicate set element " + element);
        }
      }
      return Collections.unmodifiableSet(set);
    }
    if (text.startsWith("#", pos)) {
      pos++;
      String token = readToken();
      return switch (token) {
        case "NaN" -> Double.NaN;
        case "Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        default -> throw error("unknown symbolic value ##" + token);
      };
    }
    throw error("tagged literals are not supported");
  }

  private List<Object> readSeq(char close) {
    List<Object> values = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (pos >= text.length()) {
        throw error("missing '" + close + "'");
      }
      if (text.charAt(pos) == close) {
        pos++;
        return values;
      }
      values.add(next());
    }
  }

  private Map<Object, Object> readMap() {
    List<Object> values = readSeq('}');
    if (values.size() % 2 != 0) {
      throw error("a map needs an even number of forms");
    }
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i += 2) {
      Object key = values.get(i) instanceof Keyword k ? k.name() : values.get(i);
      if (map.containsKey(key)) {
        throw error("duplicate map key " + key);
      }
      map.put(key, values.get(i + 1));
    }
    return Collections.unmodifiableMap(map);
  }

  private Object readAtom(String token) {
    if (token.isEmpty()) {
      throw error("unexpected character '" + text.charAt(pos) + "'");
    }
    switch (token) {
      case "nil": return null;
      case "true": return Boolean.TRUE;
      case "false": return Boolean.FALSE;
      default: break;
    }
    char first = token.charAt(0);
    boolean numeric = Character.isDigit(first)
        || ((first == '-' || first == '+') && token.length() > 1 && Character.isDigit(token.charAt(1)));
    if (!numeric) {
      throw error("symbols are not supported: " + token);
    }
    try {
      if (token.endsWith("N")) {
        return new BigInteger(token.substring(0, token.length() - 1));
      }
      if (token.endsWith("M")) {
        return new BigDecimal(token.substring(0, token.length() - 1));
      }
      if (token.contains(".") || token.contains("e") || token.contains("E")) {
        return Double.parseDouble(token);
      }
      BigInteger big = new BigInteger(token.startsWith("+") ? token.substring(1) : token);
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    } catch (NumberFormatException e) {
      throw error("bad number " + token);
    }
  }

  private String readToken() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isWhitespace(c) || c == ',' || "()[]{}\";".indexOf(c) >= 0) {
        break;
      }
      pos++;
    }
    return text.substring(start, pos);
  }

  private String readString() {
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char escaped = text.charAt(pos++);
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("short \\u escape");
          }
          out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> throw error("unknown escape \\" + escaped);
      }
    }
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ';') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c) || c == ',') {
        pos++;
      } else {
        return;
      }
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException("EDN: " + message + " at offset " + pos);
  }
}
