package io.cairn.verification.sim;

import io.cairn.node.net.PeerUnavailableException;
import io.cairn.node.net.RemoteFailureException;
import io.cairn.node.net.RequestHandler;
import io.cairn.node.net.RequestTimeoutException;
import io.cairn.node.net.Transport;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The simulated internode network behind every node's {@link Transport}. Each request and reply
 * crosses it as encoded bytes (so nodes share no objects, and the codec is exercised), after a
 * seeded delay; it may be dropped or duplicated, and is lost when a partition blocks its link
 * (directed, so partitions of any shape, including one-way ones, can be built). A request to a
 * node whose process is down fails fast with {@link PeerUnavailableException}, as a refused
 * connection does; a request that is lost fails with {@link RequestTimeoutException} when its
 * timeout runs out, as on a real network. Messages in flight to or from an incarnation that dies
 * are lost with it (its connections reset).
 */
public final class SimNetwork {

  private record Link(NodeId from, NodeId to) {}

  private record Endpoint(Incarnation life, RequestHandler[] handler) {}

  private final SimScheduler sim;
  private final SimRandom random;
  private final WireCodec codec;
  private final Map<NodeId, Endpoint> endpoints = new HashMap<>();
  private final Set<Link> blocked = new HashSet<>();
  private NetworkConditions conditions = NetworkConditions.CALM;
  private long messages;

  public SimNetwork(SimScheduler sim, SimRandom random, WireCodec codec) {
    this.sim = sim;
    this.random = random;
    this.codec = codec;
  }

  public void conditions(NetworkConditions next) {
    this.conditions = next;
  }

  public NetworkConditions conditions() {
    return conditions;
  }

  /** Stops messages from {@code from} reaching {@code to} (one direction). */
  public void block(NodeId from, NodeId to) {
    blocked.add(new Link(from, to));
  }

  public void heal() {
    blocked.clear();
  }

  public long messages() {
    return messages;
  }

  /** Connects a new incarnation of {@code node}; returns the transport it uses. */
  public Transport attach(NodeId node, Incarnation life) {
    RequestHandler[] handler = new RequestHandler[1];
    endpoints.put(node, new Endpoint(life, handler));
    return new Transport() {
      @Override
      public CompletableFuture<WireMessage> request(NodeId peer, WireMessage request, Duration timeout) {
        return send(node, life, peer, request, timeout);
      }

      @Override
      public void onRequest(RequestHandler h) {
        handler[0] = h;
      }

      @Override
      public void close() {
        handler[0] = null;
      }
    };
  }

  private Endpoint live(NodeId node) {
    Endpoint e = endpoints.get(node);
    return e != null && e.life().alive() && e.handler()[0] != null ? e : null;
  }

  private CompletableFuture<WireMessage> send(NodeId from, Incarnation sender, NodeId to, WireMessage request,
      Duration timeout) {
    CompletableFuture<WireMessage> reply = new CompletableFuture<>();
    messages++;
    // every completion runs the sender's code: only while the sender lives
    sim.after(timeout.toMillis(), () -> {
      if (sender.alive()) {
        reply.completeExceptionally(new RequestTimeoutException("no reply from " + to + " within " + timeout.toMillis() + " ms"));
      }
    });
    Endpoint target = live(to);
    if (target == null) {
      sim.after(delay(), () -> {
        if (sender.alive()) {
          reply.completeExceptionally(new PeerUnavailableException(to + " refused the connection"));
        }
      });
      return reply;
    }
    byte[] bytes = codec.encode(request);
    int copies = random.chance(conditions.duplicateRate()) ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      if (lost(from, to)) {
        continue;
      }
      sim.after(delay(), () -> deliver(from, sender, to, target.life(), bytes, reply));
    }
    return reply;
  }

  private void deliver(NodeId from, Incarnation sender, NodeId to, Incarnation receiver, byte[] bytes,
      CompletableFuture<WireMessage> reply) {
    Endpoint target = live(to);
    if (target == null || target.life() != receiver || blocked.contains(new Link(from, to))) {
      return; // the receiver died (or restarted: a new connection) or a partition began meanwhile
    }
    CompletableFuture<WireMessage> handled;
    try {
      handled = target.handler()[0].handle(from, (WireMessage) codec.decode(bytes));
    } catch (RuntimeException e) {
      handled = CompletableFuture.failedFuture(e);
    }
    handled.whenComplete((answer, error) -> {
      if (!receiver.alive() || lost(to, from)) {
        return;
      }
      byte[] answerBytes = error == null ? codec.encode(answer) : null;
      String failure = error == null ? null : String.valueOf(error.getMessage());
      sim.after(delay(), () -> {
        if (!sender.alive() || blocked.contains(new Link(to, from))) {
          return;
        }
        if (answerBytes != null) {
          reply.complete((WireMessage) codec.decode(answerBytes));
        } else {
          reply.completeExceptionally(new RemoteFailureException(to + " failed: " + failure));
        }
      });
    });
  }

  private boolean lost(NodeId from, NodeId to) {
    return blocked.contains(new Link(from, to)) || random.chance(conditions.dropRate());
  }

  private long delay() {
    return random.between(conditions.minDelayMs(), conditions.maxDelayMs());
  }
}
