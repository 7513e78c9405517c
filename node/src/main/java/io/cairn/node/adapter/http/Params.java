package io.cairn.node.adapter.http;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/** Strict query parameters: unknown names, repeats and malformed values are 400s naming them. */
final class Params {

  private final RoutingContext ctx;

  Params(RoutingContext ctx, Set<String> allowed) {
    this.ctx = ctx;
    for (String name : ctx.queryParams().names()) {
      if (!allowed.contains(name)) {
        throw HttpError.badRequest("unknown query parameter '" + name + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
      if (ctx.queryParams().getAll(name).size() > 1) {
        throw HttpError.badRequest("query parameter '" + name + "' is given more than once");
      }
    }
  }

  /** A non-negative integer parameter; 0 (the default) when absent, meaning "use the default". */
  int integer(String name) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) {
      return 0;
    }
    try {
      int v = Integer.parseInt(values.get(0));
      if (v < 0) {
        throw HttpError.badRequest("query parameter '" + name + "' must be a non-negative integer, not " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw HttpError.badRequest("query parameter '" + name + "' must be an integer, not '" + values.get(0) + "'");
    }
  }

  boolean bool(String name) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) {
      return false;
    }
    return switch (values.get(0)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw HttpError.badRequest("query parameter '" + name + "' must be true or false");
    };
  }
}
