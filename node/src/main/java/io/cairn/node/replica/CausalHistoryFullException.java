package io.cairn.node.replica;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.context.ContextTokens;
import io.cairn.protocol.object.BucketKey;

/**
 * A write was refused, before anything was stored, because it would grow the key's version vector
 * beyond {@link ContextTokens#MAX_ACTORS}: a node never stores a history it could not hand out as a
 * context. The key keeps its values and stays readable; writes by the actors already in its history
 * still succeed.
 */
public final class CausalHistoryFullException extends IllegalArgumentException {

  public CausalHistoryFullException(BucketKey key, Actor actor, int actors) {
    super("the causal history of " + key + " would carry " + actors + " actors (a write by " + actor
        + "); a context carries at most " + ContextTokens.MAX_ACTORS + ", so the write is refused and nothing"
        + " was stored", null);
  }
}
