package io.cairn.client;

import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.ClientGet;
import io.cairn.protocol.wire.ClientPut;
import io.cairn.protocol.wire.ClientReply;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.protocol.wire.WireCodec;
import io.cairn.protocol.wire.WireFormatException;
import io.cairn.protocol.wire.WireMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A client of the binary client protocol (docs/wire.md, "Client port"): the same operations, values
 * and exceptions as the HTTP {@link CairnClient}, over a few pipelined connections per node or a
 * connection per concurrent caller ({@link ConnectionMode}), round-robin over the nodes given.
 * Thread-safe; close it to release its connections.
 *
 * <p>Outcomes: a returned value means success; {@link NotAppliedException}: the operation did not
 * happen (quorum failed, node overloaded, no node reachable); {@link IndeterminateException}: a
 * write may have happened (the quorum timed out, no answer in time, connection lost after sending);
 * {@link RequestRejectedException}: the request can never succeed as sent (bad quorum values, bad
 * bucket or key, damaged context, value above the limit). {@link CairnException#status()} is the
 * status the HTTP API would have answered.
 *
 * <p>Contexts are opaque tokens, passed back exactly as the node issued them: the node checks that a
 * token is authentic and belongs to the key it is sent with (docs/causality.md).
 *
 * <p>Reads of one node's own copy ({@link ReadOptions#local()}) are served by the HTTP API only.
 */
public final class CairnBinaryClient implements KeyValueClient {

  private static final String DEFAULT_CONTENT_TYPE = Sibling.DEFAULT_CONTENT_TYPE;

  /** How requests share connections; see {@link Builder#connectionMode}. */
  public enum ConnectionMode {
    /**
     * A few connections per node ({@link Builder#connectionsPerHost}) shared by every thread, many
     * requests pipelined on each; a reader thread per connection hands each reply to its caller.
     * Fewest connections; costs a thread wake-up per request.
     */
    PIPELINED,
    /**
     * A request has a connection to itself: the calling thread writes the request and reads the
     * reply, as with a JDBC or Jedis connection. A node gets as many connections as it has
     * concurrent callers; the least client CPU per request for blocking callers.
     */
    EXCLUSIVE
  }

  private final RequestPath path;
  private final Duration requestTimeout;

  private CairnBinaryClient(Builder b) {
    this.requestTimeout = b.requestTimeout;
    this.path = b.mode == ConnectionMode.PIPELINED
        ? new ConnectionPool(b.hosts, b.connectionsPerHost, new WireCodec(), b.connectTimeout,
            b.reconnectBackoff, b.maxInFlightPerConnection)
        : new ExclusivePool(b.hosts, new WireCodec(), b.connectTimeout, b.reconnectBackoff);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A client of the nodes at {@code hosts}, comma-separated {@code host:port}, with defaults. */
  public static CairnBinaryClient of(String hosts) {
    return builder().hosts(hosts).build();
  }

  @Override
  public Fetched get(String bucket, String key, ReadOptions options) {
    if (options.local()) {
      throw new UnsupportedOperationException("local reads are served by the HTTP API only (CairnClient)");
    }
    ClientGet request = new ClientGet(keyOf(bucket, key), options.r(), options.pr(), options.timeoutMs());
    WireMessage reply = call(request);
    if (reply instanceof ClientReply r) {
      return switch (r.outcome()) {
        case OK, NOT_FOUND -> new Fetched(values(r.siblings()), contextOf(r), Optional.empty());
        default -> throw quorumFailure(r.outcome(), r.detail());
      };
    }
    throw unexpected(reply);
  }

  @Override
  public Written put(String bucket, String key, byte[] value, String contentType, String context,
            WriteOptions options) {
    Objects.requireNonNull(value, "value");
    return write(bucket, key, context, options, () -> Sibling.of(value,
        contentType == null ? DEFAULT_CONTENT_TYPE : contentType, 0)); // the node stamps the time
  }

  @Override
  public Written delete(String bucket, String key, String context, WriteOptions options) {
    return write(bucket, key, context, options, () -> Sibling.tombstone(0));
  }

  @Override
  public void close() {
    path.close();
  }

  private Written write(String bucket, String key, String context, WriteOptions options,
             Supplier<Sibling> value) {
    BucketKey bucketKey = keyOf(bucket, key);
    ClientPut request;
    try {
      request = new ClientPut(bucketKey, context == null ? "" : context, value.get(), options.w(), options.pw(),
          options.timeoutMs());
    } catch (IllegalArgumentException e) { // a context longer than any token, a bad content type
      throw new RequestRejectedException(400, "400: " + e.getMessage());
    }
    WireMessage reply = call(request);
    if (reply instanceof ClientReply r) {
      if (r.outcome() != QuorumOutcome.OK) {
        throw quorumFailure(r.outcome(), r.detail());
      }
      // siblings only when there are concurrent values this write's context did not cover (HTTP's 300)
      return new Written(contextOf(r), r.siblings().size() > 1 ? values(r.siblings()) : List.of(),
          Optional.of(r.requestId().toString()));
    }
    throw unexpected(reply);
  }

  private WireMessage call(WireMessage request) {
    WireMessage reply;
    try {
      reply = path.call(request, requestTimeout);
    } catch (WireFormatException e) {
      throw new RequestRejectedException(413, "413: request cannot be encoded: " + e.getMessage());
    }
    if (reply instanceof ClientError e) {
      throw Outcomes.of(statusOf(e.kind()), "", e.detail());
    }
    return reply;
  }

  /** The status the HTTP API answers for the same refusal (docs/api.md). */
  private static int statusOf(ClientError.Kind kind) {
    return switch (kind) {
      case INVALID, UNSUPPORTED -> 400;
      case TOO_LARGE -> 413;
      case OVERLOADED -> 503;
      case INTERNAL -> 500;
      case CONFLICT -> 409;
      case PRECONDITION_REQUIRED -> 428;
      case INSUFFICIENT_STORAGE -> 507;
    };
  }

  private static CairnException quorumFailure(QuorumOutcome outcome, String detail) {
    return outcome == QuorumOutcome.INDETERMINATE
        ? Outcomes.of(503, Outcomes.INDETERMINATE, "indeterminate: " + detail)
        : Outcomes.of(503, "failed", "unavailable: " + detail);
  }

  private static CairnException unexpected(WireMessage reply) {
    return new IndeterminateException(0, "unexpected reply " + reply.getClass().getSimpleName(), null);
  }

  private static BucketKey keyOf(String bucket, String key) {
    try {
      return new BucketKey(bucket, key);
    } catch (IllegalArgumentException | NullPointerException e) {
      int status = String.valueOf(e.getMessage()).contains("at most") ? 413 : 400;
      throw new RequestRejectedException(status, status + ": " + e.getMessage());
    }
  }

  private static Optional<String> contextOf(ClientReply reply) {
    return reply.context().isEmpty() ? Optional.empty() : Optional.of(reply.context());
  }

  private static List<Value> values(List<Sibling> siblings) {
    List<Value> out = new ArrayList<>(siblings.size());
    for (Sibling s : siblings) {
      out.add(new Value(s.value(), s.contentType(), s.timestamp()));
    }
    return out;
  }

  /** Settings of a {@link CairnBinaryClient}. */
  public static final class Builder {
    private final List<InetSocketAddress> hosts = new ArrayList<>();
    private int connectionsPerHost = 2;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration reconnectBackoff = Duration.ofMillis(200);
    private int maxInFlightPerConnection = 1024;
    private ConnectionMode mode = ConnectionMode.PIPELINED;

    private Builder() {}

    /** Adds nodes as comma-separated {@code host:port} of their client ports ({@code binary.port}). */
    public Builder hosts(String hostPorts) {
      for (String h : hostPorts.split(",")) {
        String t = h.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
          throw new IllegalArgumentException("expected host:port, got '" + t + "'");
        }
        host(new InetSocketAddress(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1))));
      }
      return this;
    }

    public Builder host(InetSocketAddress address) {
      hosts.add(Objects.requireNonNull(address, "address"));
      return this;
    }

    /** How requests share connections (default {@link ConnectionMode#PIPELINED}). */
    public Builder connectionMode(ConnectionMode m) {
      mode = Objects.requireNonNull(m, "mode");
      return this;
    }

    /** {@link ConnectionMode#PIPELINED}: connections kept to each node (default 2), each pipelining many requests. */
    public Builder connectionsPerHost(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("connectionsPerHost must be >= 1");
      }
      connectionsPerHost = n;
      return this;
    }

    /** How long a connection and its handshake may take (default 2 s). */
    public Builder connectTimeout(Duration d) {
      connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /**
     * How long to wait for an answer (default 10 s); keep it above the node's own request timeout
     * so the node can report its outcome first.
     */
    public Builder requestTimeout(Duration d) {
      requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    /** How long a node that refused a connection is skipped (default 200 ms). */
    public Builder reconnectBackoff(Duration d) {
      reconnectBackoff = Objects.requireNonNull(d, "reconnectBackoff");
      return this;
    }

    /**
     * {@link ConnectionMode#PIPELINED}: requests waiting for replies on one connection before more
     * fail fast (default 1024).
     */
    public Builder maxInFlightPerConnection(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxInFlightPerConnection must be >= 1");
      }
      maxInFlightPerConnection = n;
      return this;
    }

    public CairnBinaryClient build() {
      if (hosts.isEmpty()) {
        throw new IllegalArgumentException("no hosts given");
      }
      return new CairnBinaryClient(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }
  }
}
