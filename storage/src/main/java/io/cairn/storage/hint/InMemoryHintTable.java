package io.cairn.storage.hint;

import io.cairn.protocol.ring.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/** A {@link HintTable} in a map, in insertion order so that simulator runs replay exactly. */
final class InMemoryHintTable implements HintTable {

  private final Map<HintAddress, StoredHint> hints;

  InMemoryHintTable() {
    this(new LinkedHashMap<>());
  }

  private InMemoryHintTable(Map<HintAddress, StoredHint> hints) {
    this.hints = hints;
  }

  InMemoryHintTable copy() {
    return new InMemoryHintTable(new LinkedHashMap<>(hints));
  }

  @Override
  public StoredHint get(HintAddress address) {
    return hints.get(address);
  }

  @Override
  public void put(HintAddress address, StoredHint hint) {
    hints.put(address, hint);
  }

  @Override
  public void remove(HintAddress address) {
    hints.remove(address);
  }

  @Override
  public void visit(NodeId target, Predicate<Hint> visitor) {
    for (Map.Entry<HintAddress, StoredHint> e : hints.entrySet()) {
      if (e.getKey().target().equals(target) && !visitor.test(e.getValue().toHint(e.getKey()))) {
        return;
      }
    }
  }

  @Override
  public void forEach(BiConsumer<HintAddress, StoredHint> action) {
    hints.forEach(action);
  }

  @Override
  public void close() {}
}
