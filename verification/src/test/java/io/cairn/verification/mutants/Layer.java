package io.cairn.verification.mutants;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A detection layer: test classes (surefire {@code -Dtest} patterns, methods allowed) that a nested
 * build runs in one module, with system properties for them (e.g. the simulator's seed range).
 */
public record Layer(
    String name,
    @JsonProperty(value = "module", required = true) String module,
    @JsonProperty(value = "tests", required = true) List<String> tests,
    @JsonProperty("properties") Map<String, String> properties) {

  public Layer {
    Objects.requireNonNull(module, "module");
    if (tests == null || tests.isEmpty()) {
      throw new IllegalArgumentException("layer " + name + " names no tests");
    }
    tests = List.copyOf(tests);
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  Layer named(String layerName) {
    return new Layer(layerName, module, tests, properties);
  }

  /** The surefire selection: every test of the layer. */
  String testSelection() {
    return String.join(",", tests);
  }

  /** The -D options of the nested build's tests, in a stable order. */
  List<String> propertyOptions() {
    return new TreeMap<>(properties).entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList();
  }
}
