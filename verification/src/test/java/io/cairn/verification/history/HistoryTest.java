package io.cairn.verification.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HistoryTest {

  @Test
  void pairsEachInvocationWithItsProcessCompletion() {
    HistoryRecorder recorder = new HistoryRecorder(new AtomicLong()::incrementAndGet);
    Op a = recorder.invoke(Op.invoke(0, "add", 1L, null));
    Op b = recorder.invoke(Op.invoke(1, "add", 2L, null));
    Op bDone = recorder.complete(b, OpType.FAIL, null, null);
    Op aDone = recorder.complete(a, OpType.OK, null, null);
    Op c = recorder.invoke(Op.invoke(2, "read", null, null));
    Op kill = recorder.record(new Op(0, 0, OpType.INFO, Op.NEMESIS, "kill", "n1", null));

    List<OpPair> pairs = recorder.history().pairs();

    assertThat(pairs).containsExactly(
        new OpPair(a, aDone), new OpPair(b, bDone), new OpPair(c, null), new OpPair(kill, kill));
    assertThat(pairs.get(0).isOk()).isTrue();
    assertThat(pairs.get(1).isFail()).isTrue();
    assertThat(pairs.get(2).isIndeterminate()).as("never completed counts as :info").isTrue();
  }

  @Test
  void recorderAssignsIndexAndTimeFromItsClock() {
    long[] now = {100};
    HistoryRecorder recorder = new HistoryRecorder(() -> now[0]);
    Op a = recorder.invoke(Op.invoke(0, "write", 5L, Map.of("key", "k")));
    now[0] = 250;
    Op done = recorder.complete(a, OpType.INFO, null, Map.of("error", "timeout"));

    assertThat(a.index()).isZero();
    assertThat(a.time()).isEqualTo(100);
    assertThat(done.index()).isEqualTo(1);
    assertThat(done.time()).isEqualTo(250);
    assertThat(done.extra()).containsEntry("key", "k").containsEntry("error", "timeout");
    assertThat(done.value()).isNull();
    assertThatThrownBy(() -> recorder.complete(a, OpType.INVOKE, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recorderIsThreadSafeAndIndexOrderMatchesTimeOrder() throws Exception {
    AtomicLong clock = new AtomicLong();
    HistoryRecorder recorder = new HistoryRecorder(clock::incrementAndGet);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int t = 0; t < 8; t++) {
      int process = t;
      pool.submit(() -> {
        for (int i = 0; i < 1000; i++) {
          Op op = recorder.invoke(Op.invoke(process, "add", (long) i, null));
          recorder.complete(op, OpType.OK, null, null);
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    History history = recorder.history();
    assertThat(history.size()).isEqualTo(16000);
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.ops().get(i).index()).isEqualTo(i);
      assertThat(history.ops().get(i).time()).isEqualTo(i + 1);
    }
    assertThat(history.pairs()).hasSize(8000).allMatch(OpPair::isOk);
  }

  @Test
  void filtersClientAndNemesisOps() {
    List<Op> ops = new ArrayList<>();
    ops.add(new Op(0, 0, OpType.INVOKE, 0, "add", 1L, null));
    ops.add(new Op(1, 1, OpType.INFO, Op.NEMESIS, "kill", null, null));
    ops.add(new Op(2, 2, OpType.OK, 0, "add", 1L, null));
    History history = new History(ops);

    assertThat(history.clientOps().ops()).extracting(Op::index).containsExactly(0L, 2L);
    assertThat(history.nemesisOps().ops()).extracting(Op::index).containsExactly(1L);
  }
}
