package io.cairn.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration as one Jackson tree, built layer by layer (defaults, file, environment,
 * overrides), each later layer replacing what it names. It remembers which layer last set each key
 * so that a message can say where a bad value came from.
 *
 * <p>Values from the environment and overrides go in as text; {@link Binder} accepts text wherever
 * it accepts a number, which is also what lets a YAML file quote a number.
 */
final class ConfigTree {

  private final ObjectNode root = JsonNodeFactory.instance.objectNode();
  /** Dotted key (or section) to the layer that set it; absent means the default. */
  private final Map<String, String> origins = new HashMap<>();
  private final List<ConfigProblem> problems;

  ConfigTree(List<ConfigProblem> problems) {
    this.problems = problems;
    Settings.plainDefaults().forEach((key, value) -> put(key, value));
  }

  ObjectNode root() {
    return root;
  }

  /** Deep-merges a parsed file: mappings merge key by key, anything else replaces. */
  void mergeFile(ObjectNode file, String origin) {
    merge(root, file, "", origin);
  }

  private void merge(ObjectNode target, ObjectNode source, String prefix, String origin) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String path = prefix + field.getKey();
      JsonNode existing = target.get(field.getKey());
      if (field.getValue().isObject() && existing != null && existing.isObject()) {
        merge((ObjectNode) existing, (ObjectNode) field.getValue(), path + ".", origin);
      } else {
        target.set(field.getKey(), field.getValue().deepCopy());
        origins.put(path, origin);
      }
    }
  }

  /**
   * Sets one setting from a {@code key=value} source (environment or override). Only known scalar
   * settings can be set this way: an unknown key here is reported at once, with its source.
   */
  void set(String key, String value, String origin) {
    Optional<Setting> setting = Settings.byKey(key);
    if (setting.isEmpty()) {
      problems.add(new ConfigProblem(key, unknownKeyMessage(key) + " (from " + origin + ")"));
      return;
    }
    if (!setting.get().fromEnvironment()) {
      problems.add(
          new ConfigProblem(
              key, "is a list and can only be set in the YAML file, not by " + origin));
      return;
    }
    put(key, value);
    origins.put(key, origin);
  }

  private void put(String key, String value) {
    int dot = key.indexOf('.');
    String section = key.substring(0, dot);
    JsonNode sectionNode = root.get(section);
    if (sectionNode == null) {
      sectionNode = root.putObject(section);
    } else if (!sectionNode.isObject()) {
      // The file made this section a scalar or list; checkUnknownKeys reports that, and keeping
      // the bad value (rather than replacing it) is what makes sure it is reported.
      return;
    }
    ((ObjectNode) sectionNode).put(key.substring(dot + 1), value);
  }

  /** " (from X)" for a key set by a file, variable or override; empty for a default. */
  String originSuffix(String key) {
    String origin = origins.get(key);
    if (origin == null && key.contains(".")) {
      origin = origins.get(key.substring(0, key.indexOf('.')));
    }
    return origin == null ? "" : " (from " + origin + ")";
  }

  /**
   * Reports every key in the tree that is not a setting, and every section that is not a mapping.
   * A typo must fail loudly: a silently ignored {@code http.prot} leaves the node on a port nobody
   * expected.
   */
  void checkUnknownKeys() {
    Iterator<Map.Entry<String, JsonNode>> sections = root.fields();
    while (sections.hasNext()) {
      Map.Entry<String, JsonNode> section = sections.next();
      String name = section.getKey();
      if (!Settings.isSection(name)) {
        problems.add(new ConfigProblem(name, unknownKeyMessage(name) + originSuffix(name)));
        continue;
      }
      if (!section.getValue().isObject()) {
        problems.add(
            new ConfigProblem(
                name,
                "is a section and must be a mapping of settings, got "
                    + describe(section.getValue()) + originSuffix(name)));
        continue;
      }
      Iterator<String> keys = section.getValue().fieldNames();
      while (keys.hasNext()) {
        String key = name + "." + keys.next();
        if (Settings.byKey(key).isEmpty()) {
          problems.add(new ConfigProblem(key, unknownKeyMessage(key) + originSuffix(key)));
        }
      }
    }
  }

  static String unknownKeyMessage(String key) {
    return "unknown key"
        + Settings.closest(key, Settings.keys()).map(k -> "; did you mean " + k + "?").orElse("");
  }

  /** A short, user-facing name for the type of a YAML value. */
  static String describe(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    return switch (type) {
      case OBJECT -> "a mapping";
      case ARRAY -> "a list";
      case NULL, MISSING -> "no value";
      case BOOLEAN -> "a boolean (" + node.asText() + ")";
      case STRING -> "'" + node.asText() + "'";
      default -> node.asText();
    };
  }
}
