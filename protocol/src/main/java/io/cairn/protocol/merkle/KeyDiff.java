package io.cairn.protocol.merkle;

import io.cairn.protocol.object.BucketKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The last step of an exchange: within the differing leaves, each side lists its keys with their
 * item hashes; the keys to repair are those present on one side only or with different items.
 * Repair then merges the two objects (DVV sync) — it never picks one side.
 */
public final class KeyDiff {

  private KeyDiff() {}

  public static List<BucketKey> differingKeys(Map<BucketKey, Long> mine, Map<BucketKey, Long> theirs) {
    List<BucketKey> out = new ArrayList<>();
    mine.forEach((key, item) -> {
      if (!Objects.equals(item, theirs.get(key))) {
        out.add(key); // different version, or missing there
      }
    });
    theirs.keySet().forEach(key -> {
      if (!mine.containsKey(key)) {
        out.add(key); // missing here
      }
    });
    return out;
  }
}
