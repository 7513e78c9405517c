package io.cairn.storage.hint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.storage.StorageException;
import java.time.Clock;
import java.util.List;
import java.util.function.BinaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class InMemoryHintStoreTest extends HintStoreContract {

  @Override
  protected HintStore open(HintStoreConfig config, BinaryOperator<byte[]> merge, Clock clock) {
    return new InMemoryHintStore(config, merge, clock);
  }

  @Override
  protected HintStore restart(HintStore store) {
    return ((InMemoryHintStore) store).afterProcessCrash();
  }

  @Property(tries = 1000)
  void behavesLikeTheModel(@ForAll("ops") List<Op> ops) {
    checkAgainstModel(ops);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    return operations(60);
  }

  @Test
  void crashedStoreIsClosedAndItsSuccessorHasTheHints() {
    InMemoryHintStore store = new InMemoryHintStore(config(1 << 20, 100), CONCAT, new MutableClock(T0));
    store.add(N1, 0, K1, bytes("a"));

    InMemoryHintStore next = store.afterProcessCrash();
    next.add(N2, 0, K1, bytes("b"));

    assertThatThrownBy(() -> store.add(N1, 0, K2, bytes("c"))).isInstanceOf(StorageException.class);
    assertThat(next.forTarget(N1, 10)).containsExactly(new Hint(N1, 0, K1, bytes("a"), T0));
    assertThat(next.pendingCount()).isEqualTo(2);
    next.close();
  }
}
