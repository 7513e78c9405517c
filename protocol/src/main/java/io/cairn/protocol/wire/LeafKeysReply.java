package io.cairn.protocol.wire;

import io.cairn.protocol.object.BucketKey;
import java.util.List;
import java.util.Objects;

/** The keys in the asked leaves with their item hashes (key at a version). */
public record LeafKeysReply(List<KeyItem> items) implements WireMessage {

  /** One key and the hash of its current version. */
  public record KeyItem(BucketKey key, long item) {
    public KeyItem {
      Objects.requireNonNull(key, "key");
    }
  }

  public LeafKeysReply {
    Objects.requireNonNull(items, "items");
    items = List.copyOf(items);
  }
}
