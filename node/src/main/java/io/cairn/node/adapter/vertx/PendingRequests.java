package io.cairn.node.adapter.vertx;

import io.cairn.node.net.RemoteFailureException;
import io.cairn.protocol.wire.Failure;
import io.cairn.protocol.wire.WireMessage;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * The requests of one outbound link that await a reply, by correlation id, each with its own
 * timer. Confined to the link's context (a plain HashMap is enough), and timers are set from that
 * context so they fire on it too.
 *
 * <p>Correlation ids are per link and never reused while the transport lives (a long does not
 * wrap), so a late reply to a timed-out request can never be mistaken for a newer request's reply:
 * its id is simply unknown and the reply is dropped. Id 0 is reserved for the Hello.
 */
final class PendingRequests {

  private record Entry(CompletableFuture<WireMessage> future, long timerId) {}

  private final Vertx vertx;
  private final Map<Long, Entry> entries = new HashMap<>();
  private long nextId = 1;

  PendingRequests(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Registers a request and starts its timer; returns its correlation id. When the timer fires
   * first, the entry is removed and the future fails with {@code onTimeout.apply(id)}, and then
   * {@code afterTimeout} may clean up (e.g. drop a frame not yet written).
   */
  long register(
      CompletableFuture<WireMessage> future,
      Duration timeout,
      LongFunction<RuntimeException> onTimeout) {
    long id = nextId++;
    long millis = Math.max(1, timeout.toMillis());
    long timerId = vertx.setTimer(millis, t -> {
      Entry e = entries.remove(id);
      if (e != null) {
        e.future.completeExceptionally(onTimeout.apply(id));
      }
    });
    entries.put(id, new Entry(future, timerId));
    return id;
  }

  /** Completes the request with this id; returns false (and does nothing) for an unknown id. */
  boolean complete(long id, WireMessage reply) {
    Entry e = entries.remove(id);
    if (e == null) {
      return false;
    }
    vertx.cancelTimer(e.timerId);
    if (reply instanceof Failure f) {
      e.future.completeExceptionally(new RemoteFailureException(f.detail()));
    } else {
      e.future.complete(reply);
    }
    return true;
  }

  /** Fails one request (e.g. its frame could not be sent). */
  void fail(long id, RuntimeException error) {
    Entry e = entries.remove(id);
    if (e != null) {
      vertx.cancelTimer(e.timerId);
      e.future.completeExceptionally(error);
    }
  }

  /** Fails every request. The table is emptied first: completion callbacks may re-enter. */
  /** Fails every pending request with the error {@code errorFor} gives for its correlation id. */
  void failAll(LongFunction<RuntimeException> errorFor) {
    List<Map.Entry<Long, Entry>> all = new ArrayList<>(entries.entrySet());
    entries.clear();
    for (Map.Entry<Long, Entry> e : all) {
      vertx.cancelTimer(e.getValue().timerId);
      e.getValue().future.completeExceptionally(errorFor.apply(e.getKey()));
    }
  }

  int size() {
    return entries.size();
  }
}
