package io.cairn.verification.mutants;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A named bug: what it models, its edits (all planted together) and the layers to try, cheapest first. */
public record Mutant(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty(value = "models", required = true) String models,
    @JsonProperty(value = "edits", required = true) List<Edit> edits,
    @JsonProperty(value = "layers", required = true) List<String> layers) {

  public Mutant {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("mutant name " + name + ": lower case, digits and dashes only (it names a folder)");
    }
    if (edits == null || edits.isEmpty()) {
      throw new IllegalArgumentException("mutant " + name + " has no edits");
    }
    if (layers == null || layers.isEmpty()) {
      throw new IllegalArgumentException("mutant " + name + " names no layer to catch it");
    }
    edits = List.copyOf(edits);
    layers = List.copyOf(layers);
  }

  /** Plants every edit in the copy at {@code root}, in order. */
  void plantIn(Path root) throws IOException {
    for (Edit e : edits) {
      e.applyIn(root);
    }
  }
}
