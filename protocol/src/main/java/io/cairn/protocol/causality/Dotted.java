package io.cairn.protocol.causality;

import java.util.Objects;

/** A value together with the dot of the write that created it: one sibling of a {@link DvvSet}. */
public record Dotted<V>(Dot dot, V value) {

  public Dotted {
    Objects.requireNonNull(dot, "dot");
    Objects.requireNonNull(value, "value");
  }
}
