package io.cairn.verification.jepsen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import clojure.lang.IPersistentVector;
import clojure.lang.ISeq;
import clojure.lang.Keyword;
import clojure.lang.LineNumberingPushbackReader;
import clojure.lang.PersistentHashMap;
import clojure.lang.RT;
import clojure.lang.Symbol;
import clojure.lang.Var;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jepsen/ Leiningen project needs Clojars and real VMs, so CI cannot run it. This test is what
 * CI can do: read every file with the real Clojure reader (nothing is evaluated, and {@code
 * *read-eval*} is off) and check that the project hangs together: every file parses to its end,
 * every namespace sits at the path its name gives, project.clj is a defproject depending on
 * Jepsen, and every jepsen.cairn namespace that is required exists. It does not prove that the
 * Jepsen APIs are called correctly: only running the test against VMs can.
 */
class JepsenProjectParseTest {

  private static final Path JEPSEN = Path.of("..", "jepsen").toAbsolutePath().normalize();
  private static final Path SRC = JEPSEN.resolve("src");
  private static final String OWN_PREFIX = "jepsen.cairn";

  private static List<Path> sources;

  @BeforeAll
  static void findSources() throws IOException {
    assertThat(SRC).as("the jepsen/ project next to this module").isDirectory();
    try (Stream<Path> files = Files.walk(SRC)) {
      sources = files.filter(p -> p.toString().endsWith(".clj")).sorted().toList();
    }
    assertThat(sources).as("Clojure sources under " + SRC).isNotEmpty();
  }

  @Test
  void everyFileParsesCompletely() throws IOException {
    List<Path> all = new ArrayList<>(sources);
    all.add(JEPSEN.resolve("project.clj"));
    for (Path file : all) {
      List<Object> forms = readFile(file);
      assertThat(forms).as(file + " has forms").isNotEmpty();
    }
  }

  @Test
  void everyNamespaceMatchesItsPath() throws IOException {
    for (Path file : sources) {
      Object first = readFile(file).get(0);
      assertThat(isCall(first, "ns")).as(file + " starts with an ns form").isTrue();
      String name = String.valueOf(nth(first, 1));
      assertThat(SRC.relativize(file).toString().replace('\\', '/'))
          .as("path of namespace " + name)
          .isEqualTo(pathOf(name));
    }
  }

  @Test
  void projectIsADefprojectDependingOnJepsen() throws IOException {
    Object project = readFile(JEPSEN.resolve("project.clj")).get(0);
    assertThat(isCall(project, "defproject")).as("project.clj is a defproject").isTrue();
    Object deps = option(project, "dependencies");
    assertThat(deps).as(":dependencies").isInstanceOf(IPersistentVector.class);
    String jepsenVersion = null;
    for (Object dep : elements(deps)) {
      if (dep instanceof IPersistentVector v && Symbol.intern("jepsen").equals(v.nth(0))) {
        jepsenVersion = String.valueOf(v.nth(1));
      }
    }
    assertThat(jepsenVersion).as("a [jepsen \"0.3.x\"] dependency").matches("0\\.3\\.\\d+");

    // lein run starts :main, so it has to be one of the project's namespaces.
    Object main = option(project, "main");
    assertThat(main).as(":main").isInstanceOf(Symbol.class);
    assertThat(SRC.resolve(pathOf(main.toString()))).as("the :main namespace").isRegularFile();
  }

  @Test
  void requiredCairnNamespacesExist() throws IOException {
    int checked = 0;
    for (Path file : sources) {
      for (String ns : requiredNamespaces(readFile(file).get(0))) {
        if (ns.equals(OWN_PREFIX) || ns.startsWith(OWN_PREFIX + ".")) {
          assertThat(SRC.resolve(pathOf(ns))).as(ns + ", required by " + file).isRegularFile();
          checked++;
        }
      }
    }
    assertThat(checked).as("requires among jepsen.cairn namespaces").isPositive();
  }

  // The checks above must be able to fail: the helpers, on input known to be wrong.

  @Test
  void anUnfinishedFormIsAParseFailure() {
    assertThatThrownBy(() -> readAll("(ns a.b)\n(defn f [x]\n  (inc x)", "broken.clj"))
        .hasMessageContaining("broken.clj");
  }

  @Test
  void readEvalIsOff() {
    assertThatThrownBy(() -> readAll("#=(java.lang.System/exit 1)", "evil.clj"))
        .hasMessageContaining("evil.clj");
  }

  @Test
  void namespacesMapToPathsTheWayClojureLoadsThem() {
    assertThat(pathOf("jepsen.cairn.sibling-register")).isEqualTo("jepsen/cairn/sibling_register.clj");
  }

  @Test
  void prefixListsAndPlainLibspecsAreBothExpanded() {
    Object ns = readAll("""
        (ns x.y
          (:require [clojure.string :as str]
                    jepsen.cairn.db
                    [jepsen [checker :as checker] generator]
                    [jepsen.cairn [client :as c] [set :as s]])
          (:import (java.util UUID)))
        """, "x/y.clj").get(0);
    assertThat(requiredNamespaces(ns)).containsExactly(
        "clojure.string", "jepsen.cairn.db", "jepsen.checker", "jepsen.generator",
        "jepsen.cairn.client", "jepsen.cairn.set");
  }

  // ---- reading ----

  private static List<Object> readFile(Path file) throws IOException {
    return readAll(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Every form of source, read with clojure.core/read until end of input, *read-eval* off. */
  static List<Object> readAll(String source, String name) {
    IFn read = Clojure.var("clojure.core", "read");
    Var readEval = (Var) Clojure.var("clojure.core", "*read-eval*");
    Object eof = new Object();
    List<Object> forms = new ArrayList<>();
    LineNumberingPushbackReader in = new LineNumberingPushbackReader(new StringReader(source));
    Var.pushThreadBindings(PersistentHashMap.create(readEval, Boolean.FALSE));
    try {
      while (true) {
        Object form = read.invoke(in, Boolean.FALSE, eof);
        if (form == eof) {
          return forms;
        }
        forms.add(form);
      }
    } catch (RuntimeException e) {
      throw new AssertionError(name + ": does not parse near line " + in.getLineNumber() + ": " + e, e);
    } finally {
      Var.popThreadBindings();
    }
  }

  /** The file Clojure loads a namespace from: dots are directories, dashes underscores. */
  static String pathOf(String namespace) {
    return namespace.replace('.', '/').replace('-', '_') + ".clj";
  }

  // ---- looking at forms ----

  private static boolean isCall(Object form, String head) {
    return form instanceof ISeq seq && Symbol.intern(head).equals(seq.first());
  }

  private static Object nth(Object form, int i) {
    return RT.nth(form, i);
  }

  private static List<Object> elements(Object coll) {
    List<Object> out = new ArrayList<>();
    for (ISeq s = RT.seq(coll); s != null; s = s.next()) {
      out.add(s.first());
    }
    return out;
  }

  /** The value after :key in a defproject's key-value options (which follow name and version). */
  private static Object option(Object defproject, String key) {
    List<Object> parts = elements(defproject);
    for (int i = 3; i + 1 < parts.size(); i += 2) {
      if (Keyword.intern(key).equals(parts.get(i))) {
        return parts.get(i + 1);
      }
    }
    return null;
  }

  /** Namespaces named by the (:require ...) clauses of an ns form, prefix lists expanded. */
  static List<String> requiredNamespaces(Object nsForm) {
    List<String> out = new ArrayList<>();
    for (Object clause : elements(nsForm)) {
      if (clause instanceof ISeq seq && Keyword.intern("require").equals(seq.first())) {
        for (Object spec : elements(seq.next())) {
          addLibspec(out, "", spec);
        }
      }
    }
    return out;
  }

  /**
   * A libspec is a symbol or a vector [lib & options] whose options start with a keyword; any
   * other vector is a prefix list [prefix libspec ...].
   */
  private static void addLibspec(List<String> out, String prefix, Object spec) {
    if (spec instanceof Symbol sym) {
      out.add(prefix + sym.getName());
    } else if (spec instanceof IPersistentVector || spec instanceof ISeq) {
      List<Object> parts = elements(spec);
      String lib = prefix + parts.get(0);
      if (parts.size() == 1 || parts.get(1) instanceof Keyword) {
        out.add(lib);
      } else {
        for (Object sub : parts.subList(1, parts.size())) {
          addLibspec(out, lib + ".", sub);
        }
      }
    } else if (!(spec instanceof Keyword)) { // flags such as :reload are not libspecs
      throw new AssertionError("not a libspec: " + spec);
    }
  }
}
