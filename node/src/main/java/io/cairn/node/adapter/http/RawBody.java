package io.cairn.node.adapter.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Collects a request body as the raw bytes the client sent, up to a limit. A value is opaque: Vert.x's
 * {@code BodyHandler} would decode form content types (multipart and url-encoded) instead of keeping
 * the bytes, and fails a GET or DELETE that merely declares one. Beyond the limit the request is
 * answered 413 at once, without buffering the rest.
 */
final class RawBody implements Handler<RoutingContext> {

  private static final String KEY = "cairn.raw-body";
  private static final byte[] EMPTY = new byte[0];

  private final long limit;
  private final String limitSetting;

  RawBody(long limit, String limitSetting) {
    this.limit = limit;
    this.limitSetting = limitSetting;
  }

  /** The body collected for this request; empty when it had none. */
  static byte[] of(RoutingContext ctx) {
    Buffer body = ctx.get(KEY);
    return body == null ? EMPTY : body.getBytes();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String declared = request.getHeader("Content-Length");
    if (declared != null && declaredAbove(declared)) {
      tooLarge(ctx);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = new boolean[1];
    request.handler(chunk -> {
      if (refused[0]) {
        return;
      }
      if (body.length() + (long) chunk.length() > limit) {
        refused[0] = true;
        tooLarge(ctx);
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      if (!refused[0]) {
        ctx.put(KEY, body);
        ctx.next();
      }
    });
    request.resume();
  }

  private boolean declaredAbove(String declared) {
    try {
      return Long.parseLong(declared.trim()) > limit;
    } catch (NumberFormatException e) {
      return false; // the HTTP codec rejects a malformed length itself
    }
  }

  private void tooLarge(RoutingContext ctx) {
    // the rest of the body is not read: close after answering instead of draining it
    ctx.response().putHeader("Connection", "close");
    Responses.error(ctx.response(), 413, "request body exceeds the limit of " + limit + " bytes (" + limitSetting + ")");
  }
}
