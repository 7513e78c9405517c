package io.cairn.client;

import java.util.List;
import java.util.Optional;

/**
 * What a read returned: zero values (not found or deleted), one, or several concurrent siblings,
 * and the causal context to send with the write that replaces them.
 *
 * @param siblings the values; empty when the key has no live value
 * @param context  the opaque context, empty when the key was never written
 * @param node     the node that answered a {@code local} read, empty otherwise
 */
public record Fetched(List<Value> siblings, Optional<String> context, Optional<String> node) {
  public Fetched {
    siblings = List.copyOf(siblings);
  }

  public boolean found() {
    return !siblings.isEmpty();
  }

  public boolean hasSiblings() {
    return siblings.size() > 1;
  }
}
