package io.cairn.verification.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.verification.history.EdnWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckersTest {

  @Test
  void composedResultIsValidOnlyIfEveryPartIs() {
    Hist h = new Hist();
    h.add(0, 1);
    h.finalRead("n1");

    Map<String, Checker> checkers = new LinkedHashMap<>();
    checkers.put("set", new SetFullChecker());
    checkers.put("convergence", new ConvergenceChecker());
    CheckResult result = Checkers.compose(checkers).check(h.history());

    assertThat(result.valid()).isFalse();
    assertThat(result.toEdn().keySet()).containsExactly("valid?", "set", "convergence");
    assertThat(EdnWriter.write(result.toEdn())).startsWith("{:valid? false, :set {:valid? false, ");
  }

  @Test
  void composedResultOfValidPartsIsValid() {
    Hist h = new Hist();
    h.add(0, 1);
    h.finalRead("n1", 1L);

    CheckResult result = Checkers.check(Map.of("set", new SetFullChecker()), h.history());

    assertThat(result.valid()).isTrue();
    assertThat(result.toEdn()).containsEntry("valid?", true);
  }
}
