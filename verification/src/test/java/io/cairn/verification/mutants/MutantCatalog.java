package io.cairn.verification.mutants;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The named mutants and the layers that should catch them, read from {@code mutants/catalog.yaml}. */
public final class MutantCatalog {

  static final String RESOURCE = "/mutants/catalog.yaml";

  private final Map<String, Layer> layers;
  private final List<Mutant> mutants;

  private record Document(
      @JsonProperty(value = "layers", required = true) Map<String, Layer> layers,
      @JsonProperty(value = "mutants", required = true) List<Mutant> mutants) {}

  MutantCatalog(Map<String, Layer> layers, List<Mutant> mutants) {
    this.layers = new LinkedHashMap<>();
    layers.forEach((name, layer) -> this.layers.put(name, layer.named(name)));
    this.mutants = List.copyOf(mutants);
    Set<String> names = new HashSet<>();
    for (Mutant m : mutants) {
      if (!names.add(m.name())) {
        throw new IllegalArgumentException("two mutants are named " + m.name());
      }
      for (String layer : m.layers()) {
        if (!this.layers.containsKey(layer)) {
          throw new IllegalArgumentException("mutant " + m.name() + " names an unknown layer " + layer
              + " (known: " + this.layers.keySet() + ")");
        }
      }
    }
  }

  /** The catalogue on the test class path. */
  public static MutantCatalog load() throws IOException {
    try (InputStream in = MutantCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is not on the class path");
      }
      return parse(in);
    }
  }

  static MutantCatalog parse(InputStream yaml) throws IOException {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    Document d = mapper.readValue(yaml, Document.class);
    return new MutantCatalog(d.layers(), d.mutants());
  }

  public List<Mutant> mutants() {
    return mutants;
  }

  public Layer layer(String name) {
    return layers.get(name);
  }

  /** The layers a mutant is tried with, in its order. */
  public List<Layer> layersOf(Mutant m) {
    return m.layers().stream().map(layers::get).toList();
  }

  /**
   * The mutants named in {@code only} (comma-separated), or all of them when it is blank; an unknown
   * name is an error, not an empty run.
   */
  public List<Mutant> select(String only) {
    if (only == null || only.isBlank()) {
      return mutants;
    }
    List<Mutant> out = new ArrayList<>();
    for (String name : Arrays.stream(only.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
      out.add(mutants.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("no mutant named " + name + " (known: "
              + mutants.stream().map(Mutant::name).toList() + ")")));
    }
    return out;
  }
}
