package io.cairn.verification.mutants;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Plants one mutant in a fresh copy of the sources and runs its layers in order, stopping at the
 * first that catches it (or running them all when asked).
 */
public final class MutantRun {

  /** A mutant's result: every layer tried, in order. */
  public record Result(Mutant mutant, Path copy, List<LayerVerdict> verdicts) {

    LayerVerdict catcher() {
      return verdicts.stream().filter(LayerVerdict::caught).findFirst().orElse(null);
    }

    boolean caught() {
      return catcher() != null;
    }

    /** Wall time of the layers up to and including the first that caught it (all of them if none did). */
    Duration timeToCatch() {
      Duration sum = Duration.ZERO;
      for (LayerVerdict v : verdicts) {
        sum = sum.plus(v.outcome().took());
        if (v.caught()) {
          break;
        }
      }
      return sum;
    }
  }

  private final MutantCatalog catalog;
  private final Path projectRoot;
  private final Path workRoot;
  private final NestedBuild build;
  private final boolean allLayers;

  public MutantRun(MutantCatalog catalog, Path projectRoot, Path workRoot, NestedBuild build, boolean allLayers) {
    this.catalog = catalog;
    this.projectRoot = projectRoot;
    this.workRoot = workRoot;
    this.build = build;
    this.allLayers = allLayers;
  }

  public Result run(Mutant mutant) throws IOException, InterruptedException {
    Path copy = workRoot.resolve(mutant.name());
    SourceCopy.copy(projectRoot, copy);
    mutant.plantIn(copy);
    List<LayerVerdict> verdicts = new ArrayList<>();
    for (Layer layer : catalog.layersOf(mutant)) {
      Path log = copy.resolve("mutant-" + layer.name() + ".log");
      System.out.printf("mutant %s: layer %s (%s in %s)%n", mutant.name(), layer.name(), layer.testSelection(), layer.module());
      NestedBuild.Outcome outcome = build.run(copy, NestedBuild.arguments(layer), log);
      LayerVerdict v = LayerVerdict.read(layer, copy, outcome);
      System.out.printf("mutant %s: layer %s %s after %d s%s%n", mutant.name(), layer.name(), v.kind(),
          outcome.took().toSeconds(), v.caught() ? " by " + v.evidence() : "");
      verdicts.add(v);
      if (v.kind() == LayerVerdict.Kind.BROKEN || (v.caught() && !allLayers)) {
        break; // a mutant that does not build breaks every layer alike
      }
    }
    return new Result(mutant, copy, verdicts);
  }
}
