package io.cairn.verification.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdnTest {

  @Test
  void writesAnOpAsJepsenDoes() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("key", "k1");
    extra.put("node", "n2");
    Op op = new Op(7, 123456789L, OpType.OK, 3, "read", Set.of(3L, 1L, 2L), extra);

    assertThat(EdnWriter.writeOp(op)).isEqualTo(
        "{:index 7, :time 123456789, :type :ok, :process 3, :f :read, :value #{1 2 3}, :key \"k1\", :node \"n2\"}");
  }

  @Test
  void writesTheNemesisAsAKeywordProcess() {
    Op op = new Op(0, 5, OpType.INFO, Op.NEMESIS, "kill", List.of("n1"), null);

    assertThat(EdnWriter.writeOp(op))
        .isEqualTo("{:index 0, :time 5, :type :info, :process :nemesis, :f :kill, :value [\"n1\"]}");
    assertThat(EdnReader.readOps(EdnWriter.writeOp(op))).containsExactly(op);
  }

  @Test
  void writesScalars() {
    assertThat(EdnWriter.write(null)).isEqualTo("nil");
    assertThat(EdnWriter.write(42)).isEqualTo("42");
    assertThat(EdnWriter.write(-42L)).isEqualTo("-42");
    assertThat(EdnWriter.write(0.5)).isEqualTo("0.5");
    assertThat(EdnWriter.write(Double.NaN)).isEqualTo("##NaN");
    assertThat(EdnWriter.write(true)).isEqualTo("true");
    assertThat(EdnWriter.write(Keyword.of("ok"))).isEqualTo(":ok");
    assertThat(EdnWriter.write(new BigInteger("123456789012345678901234567890")))
        .isEqualTo("123456789012345678901234567890N");
    assertThat(EdnWriter.write("a \"q\" \\ \n\t\u0001")).isEqualTo("\"a \\\"q\\\" \\\\ \\n\\t\\u0001\"");
  }

  @Test
  void writesNestedResultsWithKeywordKeysWhereValid() {
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("lost-count", 3L);
    set.put("lost", List.of(1L, 2L, 5L));
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("valid?", false);
    results.put("set", set);
    results.put("not a keyword", 1L);
    results.put("1st", 2L);

    assertThat(EdnWriter.write(results)).isEqualTo(
        "{:valid? false, :set {:lost-count 3, :lost [1 2 5]}, \"not a keyword\" 1, \"1st\" 2}");
    assertThat(EdnReader.read(EdnWriter.write(results))).isEqualTo(results);
  }

  @Test
  void sortsComparableSetsAndKeepsOthersAsGiven() {
    assertThat(EdnWriter.write(new HashSet<>(List.of("b", "a", "c")))).isEqualTo("#{\"a\" \"b\" \"c\"}");
    assertThat(EdnWriter.write(Set.of(10L, -1L, 3L))).isEqualTo("#{-1 3 10}");
  }

  @Test
  void readsTheWholeSubset() {
    Object value = EdnReader.read(
        "; a comment\n{:a [1 2.5 -3 +4 \"s\"], :b #{:x :y}, :c (nil true false), \"d\" {1 2}, :e 9N, :f 1.5M}");

    Map<Object, Object> expected = new LinkedHashMap<>();
    expected.put("a", List.of(1L, 2.5, -3L, 4L, "s"));
    expected.put("b", Set.of(Keyword.of("x"), Keyword.of("y")));
    expected.put("c", Arrays.asList(null, true, false));
    expected.put("d", Map.of(1L, 2L));
    expected.put("e", BigInteger.valueOf(9));
    expected.put("f", new java.math.BigDecimal("1.5"));
    assertThat(value).isEqualTo(expected);
  }

  @Test
  void rejectsWhatItDoesNotRead() {
    assertThatThrownBy(() -> EdnReader.read("{:a 1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EdnReader.read("#inst \"2020\"")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EdnReader.read("foo")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EdnReader.read("{:a 1 :a 2}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EdnReader.read("1 2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EdnReader.read("\"open")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keywordLikeStringsThatWouldNotReadBackAreWrittenAsStrings() {
    for (String s : List.of("-1", "+2", ".5", "nil", "true", "a b", "", "x,y", "9lives")) {
      assertThat(EdnWriter.isKeywordName(s)).as(s).isFalse();
      Map<String, Object> m = Map.of(s, 1L);
      assertThat(EdnReader.read(EdnWriter.write(m))).as(s).isEqualTo(m);
    }
  }

  @Test
  void roundTripsRandomValues() {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      Object value = randomValue(random, 3);
      assertThat(EdnReader.read(EdnWriter.write(value))).as(EdnWriter.write(value)).isEqualTo(value);
    }
  }

  @Test
  void roundTripsAHistoryThroughAFile(@TempDir Path dir) {
    HistoryRecorder recorder = new HistoryRecorder(counter());
    Op add = recorder.invoke(Op.invoke(0, "add", 1L, Map.of("key", "s")));
    recorder.complete(add, OpType.OK, null, null);
    Op read = recorder.invoke(Op.invoke(1, "read", null, Map.of("key", "s", "final", true)));
    recorder.record(new Op(0, 0, OpType.INFO, Op.NEMESIS, "kill", "n1", Map.of("node", "n1")));
    recorder.complete(read, OpType.INFO, null, Map.of("error", Keyword.of("timeout"), "note", "a\"b"));
    History history = recorder.history();

    Path file = dir.resolve("history.edn");
    EdnWriter.writeHistory(history, file);
    assertThat(EdnReader.readHistory(file)).isEqualTo(history);

    StringWriter text = new StringWriter();
    EdnWriter.writeHistory(history.ops(), text);
    assertThat(text.toString().lines()).hasSize(5);
  }

  private static LongSupplier counter() {
    long[] t = {0};
    return () -> t[0] += 1000;
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 11 : 7);
    return switch (kind) {
      case 0 -> null;
      case 1 -> random.nextLong();
      case 2 -> random.nextDouble() * 1e6 - 5e5;
      case 3 -> random.nextBoolean();
      case 4 -> randomString(random);
      case 5 -> Keyword.of("k" + random.nextInt(100));
      case 6 -> (long) random.nextInt(10);
      case 7 -> {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(randomValue(random, depth - 1));
        }
        yield list;
      }
      case 8 -> {
        Set<Object> set = new HashSet<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          set.add((long) random.nextInt(1000));
        }
        yield set;
      }
      case 9 -> {
        Map<String, Object> map = new TreeMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          map.put(random.nextBoolean() ? "key-" + i + "?" : randomString(random), randomValue(random, depth - 1));
        }
        yield map;
      }
      default -> {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put((long) random.nextInt(5), randomValue(random, depth - 1));
        yield map;
      }
    };
  }

  private static String randomString(Random random) {
    StringBuilder s = new StringBuilder();
    String alphabet = "ab Z9:-\"\\\n\t\u0002é;,#{}";
    for (int i = random.nextInt(6); i > 0; i--) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
