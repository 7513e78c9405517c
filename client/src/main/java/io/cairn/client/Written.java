package io.cairn.client;

import java.util.List;
import java.util.Optional;

/**
 * A write (or delete) that reached its quorum.
 *
 * @param context   the context after the write, covering everything the coordinator merged
 * @param siblings  concurrent values the write's context did not cover (a 300 answer), else empty
 * @param requestId the id the write carried end to end
 */
public record Written(Optional<String> context, List<Value> siblings, Optional<String> requestId) {
  public Written {
    siblings = List.copyOf(siblings);
  }
}
