package io.cairn.node.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.node.coordinator.ClientRefusal;
import io.cairn.node.coordinator.ClientRequests;
import io.cairn.node.coordinator.GetResult;
import io.cairn.node.coordinator.PutResult;
import io.cairn.node.coordinator.ValueTooLargeRequestException;
import io.cairn.node.adapter.vertx.InboundBudget;
import io.cairn.node.assembly.NodeCore;
import io.cairn.protocol.context.ContextTokens;
import io.cairn.protocol.context.ContextTooWideException;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.Ring;
import io.cairn.protocol.wire.ClientError;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.storage.InsufficientStorageException;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.common.TextFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 API on Vert.x: keys (siblings as 300 Multiple Choices, contexts in
 * {@code X-Cairn-Context}), replica-local reads, bucket properties, cluster state, health,
 * readiness and Prometheus metrics. Every error is a JSON {@code {"error": ...}} naming the
 * problem; see docs/api.md.
 */
public final class HttpApi {

  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final String KEY_PATH = "/v1/buckets/:bucket/keys/:key";
  private static final Set<String> GET_PARAMS = Set.of("r", "pr", "timeout", "local");
  private static final Set<String> PUT_PARAMS = Set.of("w", "pw", "timeout");

  /**
   * Bound on a request's header block (Vert.x's default is 8 KiB): the longest context a node issues
   * ({@link ContextTokens#MAX_ENCODED_LENGTH}, about 22 KB) plus a whole default-sized block for every
   * other header. The same bound for HTTP/1.1 header blocks and HTTP/2 (h2c) header lists, whose
   * default is also 8 KiB. {@code ContextBloatTest} pins the arithmetic.
   */
  public static final int MAX_HEADER_BYTES = 32 * 1024;

  private final Vertx vertx;
  private final HttpDeps deps;
  private final NodeCore core;
  private final ClientRequests requests;
  private final CollectorRegistry prometheus = new CollectorRegistry();
  private final InboundBudget bodies;
  private HttpConnections connections;
  private HttpServer server;

  public HttpApi(Vertx vertx, HttpDeps deps) {
    this.vertx = vertx;
    this.deps = deps;
    this.core = deps.core();
    this.requests = core.clientRequests();
    this.bodies = new InboundBudget(deps.limits().maxBufferedBytes());
    prometheus.register(new DropwizardExports(deps.metrics()));
  }

  /** Starts listening; completes with the bound port. */
  public Future<Integer> start(String host, int port) {
    HttpLimits limits = deps.limits();
    connections = new HttpConnections(vertx, limits, deps.metrics(), System::nanoTime);
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.addEndHandler(v -> connections.responseEnded(ctx.request()));
      ctx.next();
    });
    // the body first, then admission: a slow sender holds only its connection and budgeted bytes
    router.route("/v1/*").handler(new RawBody(deps.maxValueBytes(), "limits.max-value-bytes", bodies, connections,
        deps.metrics(), System::nanoTime));
    router.route("/v1/*").handler(this::admit); // health, readiness and metrics stay answerable under load
    router.get(KEY_PATH).handler(ctx -> guard(ctx, () -> getKey(ctx)));
    router.put(KEY_PATH).handler(ctx -> guard(ctx, () -> putKey(ctx, false)));
    router.delete(KEY_PATH).handler(ctx -> guard(ctx, () -> putKey(ctx, true)));
    router.get("/v1/buckets/:bucket/props").handler(ctx -> guard(ctx, () -> getProps(ctx)));
    router.put("/v1/buckets/:bucket/props").handler(ctx -> guard(ctx, () -> putProps(ctx)));
    router.get("/v1/cluster").handler(ctx -> guard(ctx, () -> cluster(ctx)));
    router.get("/health").handler(ctx -> Responses.json(ctx.response(), 200, Map.of("status", "ok")));
    router.get("/ready").handler(ctx -> {
      String notReady = notReady();
      Responses.json(ctx.response(), notReady == null ? 200 : 503,
          notReady == null ? Map.of("ready", true) : Map.of("ready", false, "reason", notReady));
    });
    router.get("/metrics").handler(this::metrics);
    // HEAD of the probes: what load balancers and orchestrators send
    router.head("/health").handler(ctx -> ctx.response().setStatusCode(200).end());
    router.head("/ready").handler(ctx -> ctx.response().setStatusCode(notReady() == null ? 200 : 503).end());
    router.route().last().handler(this::noRoute);
    router.errorHandler(405, ctx -> Responses.error(ctx.response(), 405, "method " + ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(413, ctx -> Responses.error(ctx.response(), 413, "request body exceeds the limit of " + deps.maxValueBytes() + " bytes (limits.max-value-bytes)"));
    router.errorHandler(400, ctx -> Responses.error(ctx.response(), 400, "malformed request: " + String.valueOf(ctx.failure() == null ? "" : ctx.failure().getMessage())));
    router.errorHandler(500, ctx -> {
      if (!ctx.response().ended()) {
        Responses.error(ctx.response(), 500, "internal error: " + (ctx.failure() == null ? "" : ctx.failure().getMessage()));
      }
    });
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setMaxInitialLineLength(8192)
            .setMaxHeaderSize(MAX_HEADER_BYTES).setInitialSettings(new Http2Settings().setMaxHeaderListSize(MAX_HEADER_BYTES))
            .setIdleTimeout((int) limits.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
            // HTTP/1.1 only: an upgraded connection would multiplex requests past the per-connection bounds
            .setHttp2ClearTextEnabled(false))
        .connectionHandler(connections::accept)
        .requestHandler(request -> {
          if (connections.onRequest(request)) {
            router.handle(request);
          }
        })
        // resets and undecodable requests are the client's doing: no stack trace at ERROR
        .exceptionHandler(e -> LOG.debug("HTTP client connection: {}", e.toString()))
        .listen()
        .map(s -> {
          server = s;
          return s.actualPort();
        });
  }

  /** Open connections (tests and metrics). */
  public int connectionCount() {
    return connections == null ? 0 : connections.open();
  }

  /** Bytes held now in request bodies still arriving. */
  public long bufferedBodyBytes() {
    return bodies.held();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Paths the API serves, with the methods each allows. */
  private static final List<Map.Entry<Pattern, String>> ROUTES = List.of(
      Map.entry(Pattern.compile("/v1/buckets/[^/]+/keys/[^/]+"), "GET, PUT, DELETE"),
      Map.entry(Pattern.compile("/v1/buckets/[^/]+/props"), "GET, PUT"),
      Map.entry(Pattern.compile("/v1/cluster|/metrics"), "GET"),
      Map.entry(Pattern.compile("/health|/ready"), "GET, HEAD"));

  /** 405 with the allowed methods for a known path, 404 for anything else. */
  private void noRoute(RoutingContext ctx) {
    String path = ctx.request().path();
    for (Map.Entry<Pattern, String> route : ROUTES) {
      if (route.getKey().matcher(path).matches()) {
        ctx.response().putHeader("Allow", route.getValue());
        Responses.error(ctx.response(), 405,
            "method " + ctx.request().method() + " is not allowed on " + path + " (allowed: " + route.getValue() + ")");
        return;
      }
    }
    Responses.error(ctx.response(), 404, "no such route: " + ctx.request().method() + " " + path);
  }

  // ---- admission, timing, errors --------------------------------------------------------------

  /**
   * Why this node should not be sent traffic now, or null when it should: not started (or
   * stopping), or admission saturated. {@code /health} stays a liveness check.
   */
  private String notReady() {
    if (!deps.ready().getAsBoolean()) {
      return "starting or stopping";
    }
    if (requests.inFlight() >= requests.maxInFlight()) {
      return "overloaded: " + requests.inFlight() + " of " + requests.maxInFlight()
          + " requests in flight (http.max-concurrent-requests)";
    }
    return null;
  }

  /**
   * Bounded concurrency, shared with the binary port: beyond the limit answer 503 at once instead of
   * queueing without bound. Admitted once the body has arrived, so that clients sending slowly hold
   * no slot; bodies still arriving are bounded by the connection cap, the read timeout and their
   * byte budget instead.
   */
  private void admit(RoutingContext ctx) {
    try {
      requests.admit(ClientRequests.Door.HTTP);
    } catch (ClientRefusal e) {
      Responses.error(ctx.response(), 503, e.getMessage());
      return;
    }
    ctx.addEndHandler(v -> requests.release());
    ctx.next();
  }

  private void guard(RoutingContext ctx, Runnable handler) {
    try {
      handler.run();
    } catch (HttpError e) {
      Responses.error(ctx.response(), e.status, e.getMessage());
    } catch (ClientRefusal e) {
      refuse(ctx, e);
    } catch (ValueTooLargeRequestException e) {
      Responses.error(ctx.response(), 413, e.getMessage());
    } catch (IllegalArgumentException e) {
      Responses.error(ctx.response(), 400, e.getMessage());
    } catch (ContextTooWideException e) {
      // a history too wide to hand out as a context (ClientRequests.contextOf): never sent
      Responses.error(ctx.response(), 500, "internal error: " + e.getMessage());
    }
  }

  /** A refusal's status, with its reason code when it has one (a refused context has). */
  private static void refuse(RoutingContext ctx, ClientRefusal e) {
    if (e.code().isPresent()) {
      Responses.error(ctx.response(), statusOf(e.kind()), e.getMessage(), Map.of("reason", e.code().get()));
    } else {
      Responses.error(ctx.response(), statusOf(e.kind()), e.getMessage());
    }
  }

  /** The status of a refusal, the same for both client doors (docs/api.md, docs/wire.md). */
  private static int statusOf(ClientError.Kind kind) {
    return switch (kind) {
      case TOO_LARGE -> 413;
      case OVERLOADED -> 503;
      case CONFLICT -> 409;
      case PRECONDITION_REQUIRED -> 428;
      case INSUFFICIENT_STORAGE -> 507;
      case INTERNAL -> 500;
      case INVALID, UNSUPPORTED -> 400;
    };
  }

  /** Answers a coordinator future on the request's context, mapping failures to JSON errors. */
  private <T> void reply(RoutingContext ctx, CompletableFuture<T> future, Consumer<T> onResult) {
    future.whenComplete((result, error) -> vertx.runOnContext(v -> {
      if (ctx.response().ended() || ctx.response().closed()) {
        return; // the client went away; the operation itself carried on
      }
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof InsufficientStorageException full) {
          // no replica could take it for lack of space; nothing was written, reads still work
          Responses.json(ctx.response(), 507, Map.of("error", full.getMessage(), "outcome", "failed",
              "path", String.valueOf(full.path()), "freeBytes", full.freeBytes(), "neededBytes", full.neededBytes(),
              "setting", full.setting()));
        } else if (cause instanceof ClientRefusal refusal) {
          refuse(ctx, refusal);
        } else {
          Responses.error(ctx.response(), 500, "internal error: " + cause.getMessage());
        }
      } else {
        guard(ctx, () -> onResult.accept(result));
      }
    }));
  }

  // ---- keys -----------------------------------------------------------------------------------

  private void getKey(RoutingContext ctx) {
    Params params = new Params(ctx, GET_PARAMS);
    BucketKey key = key(ctx);
    if (params.bool("local")) {
      localRead(ctx, key);
      return;
    }
    reply(ctx, requests.get(ClientRequests.Door.HTTP, key, params.integer("r"), params.integer("pr"),
        params.integer("timeout")), (GetResult r) -> {
          if (r.outcome() == QuorumOutcome.FAILED) {
            throw new HttpError(503, "unavailable: " + r.detail());
          }
          Responses.object(ctx.response(), requests.contextOf(key, r.object()), r.object());
        });
  }

  /** This node's own copy (replica or hints), without coordination: 409 if it holds neither. */
  private void localRead(RoutingContext ctx, BucketKey key) {
    StoredObject copy = core.localCopy(key).orElseThrow(
        () -> new HttpError(409, "node " + core.self() + " holds no replica or hint for " + key));
    ctx.response().putHeader("X-Cairn-Node", core.self().value());
    Responses.object(ctx.response(), requests.contextOf(key, copy), copy);
  }

  private void putKey(RoutingContext ctx, boolean delete) {
    Params params = new Params(ctx, PUT_PARAMS);
    BucketKey key = key(ctx);
    String context = ctx.request().getHeader(Responses.CONTEXT_HEADER); // opened by the front door
    Sibling value;
    if (delete) {
      value = Sibling.tombstone(0); // stamped by the front door
    } else {
      byte[] body = RawBody.of(ctx);
      if (body.length > deps.maxValueBytes()) {
        throw new ValueTooLargeRequestException(body.length, deps.maxValueBytes());
      }
      String contentType = ctx.request().getHeader("Content-Type");
      value = Sibling.owning(body, contentType == null ? Sibling.DEFAULT_CONTENT_TYPE : contentType, 0, false);
    }
    ClientRequests.SubmittedPut put = requests.put(ClientRequests.Door.HTTP, key, context, value,
        params.integer("w"), params.integer("pw"), params.integer("timeout"));
    ctx.response().putHeader("X-Cairn-Request-Id", put.requestId().toString());
    reply(ctx, put.result(), (PutResult r) -> {
      switch (r.outcome()) {
        case OK -> {
          List<Sibling> live = r.object().liveSiblings();
          String ctxOut = requests.contextOf(key, r.object());
          if (live.size() > 1) {
            // concurrent writes were already there: show them, so the new context is never handed
            // out without the values it covers (docs/causality.md)
            Responses.siblings(ctx.response(), 300, ctxOut, live);
          } else {
            ctx.response().putHeader(Responses.CONTEXT_HEADER, ctxOut).setStatusCode(204).end();
          }
        }
        case INDETERMINATE -> Responses.error(ctx.response(), 503, "indeterminate: " + r.detail(), "indeterminate");
        default -> Responses.error(ctx.response(), 503, "unavailable: " + r.detail(), "failed");
      }
    });
  }

  private BucketKey key(RoutingContext ctx) {
    BucketKey key;
    try {
      String path = ctx.request().path();
      key = new BucketKey(PathSegments.segment(path, 3, "bucket name"), PathSegments.segment(path, 5, "key"));
    } catch (IllegalArgumentException e) {
      if (e.getMessage().contains("at most")) {
        throw new HttpError(413, e.getMessage());
      }
      throw HttpError.badRequest(e.getMessage());
    }
    return key;
  }

  // ---- buckets, cluster, metrics --------------------------------------------------------------

  private void getProps(RoutingContext ctx) {
    Responses.json(ctx.response(), 200, propsJson(core.buckets().props(bucket(ctx))));
  }

  private void putProps(RoutingContext ctx) {
    String bucket = bucket(ctx);
    JsonNode body;
    try {
      body = Responses.mapper().readTree(RawBody.of(ctx));
    } catch (IOException e) {
      throw HttpError.badRequest("body is not JSON: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw HttpError.badRequest("body must be a JSON object like {\"n\":3,\"r\":2,\"w\":2,\"conflictMode\":\"siblings\"}");
    }
    BucketProps p = core.buckets().props(bucket);
    for (var it = body.fields(); it.hasNext(); ) {
      var field = it.next();
      JsonNode v = field.getValue();
      switch (field.getKey()) {
        case "n" -> p = p.withN(intField("n", v));
        case "r" -> p = p.withR(intField("r", v));
        case "w" -> p = p.withW(intField("w", v));
        case "conflictMode" -> {
          if (!v.isTextual()) {
            throw HttpError.badRequest("conflictMode must be \"siblings\" or \"lww\"");
          }
          p = p.withConflictMode(ConflictMode.fromWireName(v.asText()));
        }
        default -> throw HttpError.badRequest("unknown bucket property '" + field.getKey() + "' (known: n, r, w, conflictMode)");
      }
    }
    Responses.json(ctx.response(), 200, propsJson(core.buckets().set(bucket, p)));
  }

  private static int intField(String name, JsonNode v) {
    if (!v.isInt()) {
      throw HttpError.badRequest(name + " must be an integer");
    }
    return v.intValue();
  }

  private static String bucket(RoutingContext ctx) {
    return new BucketKey(PathSegments.segment(ctx.request().path(), 3, "bucket name"), "_").bucket();
  }

  private static Map<String, Object> propsJson(BucketProps p) {
    return Map.of("n", p.n(), "r", p.r(), "w", p.w(), "conflictMode", p.conflictMode().wireName());
  }

  private void cluster(RoutingContext ctx) {
    Ring ring = core.rings().ring();
    ObjectNode body = Responses.mapper().createObjectNode();
    body.put("node", core.self().value());
    body.put("ringEpoch", ring.epoch());
    body.put("partitions", ring.partitionCount());
    var counts = ring.ownershipCounts();
    var members = body.putArray("members");
    for (Member m : ring.members()) {
      ObjectNode n = members.addObject();
      n.put("id", m.id().value());
      n.put("weight", m.weight());
      m.zone().ifPresent(z -> n.put("zone", z));
      n.put("status", m.id().equals(core.self()) || core.reachability().isReachable(m.id()) ? "up" : "unreachable");
      n.put("partitionsOwned", counts.getOrDefault(m.id(), 0));
    }
    Map<String, Long> hints = new TreeMap<>();
    core.ports().hints().pendingPerTarget().forEach((t, n) -> hints.put(t.value(), n));
    body.putPOJO("hintsPending", hints);
    body.putPOJO("antiEntropySyncAgeSeconds", core.antiEntropy().syncAgesSeconds());
    Responses.json(ctx.response(), 200, body);
  }

  private void metrics(RoutingContext ctx) {
    StringWriter out = new StringWriter();
    try {
      TextFormat.write004(out, prometheus.metricFamilySamples());
    } catch (IOException e) {
      Responses.error(ctx.response(), 500, "cannot render metrics: " + e.getMessage());
      return;
    }
    ctx.response().putHeader("Content-Type", TextFormat.CONTENT_TYPE_004).end(out.toString());
  }
}
