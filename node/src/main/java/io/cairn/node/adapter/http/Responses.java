package io.cairn.node.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes objects and errors in the API's shapes (docs/api.md). */
final class Responses {

  static final String CONTEXT_HEADER = "X-Cairn-Context";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  /**
   * An object read: 200 with the value, 300 with every sibling, or 404 (with context if deleted).
   * {@code context} is the object's token, empty when it has no history.
   */
  static void object(HttpServerResponse response, String context, StoredObject object) {
    List<Sibling> live = object.liveSiblings();
    if (!context.isEmpty()) {
      response.putHeader(CONTEXT_HEADER, context);
    }
    if (live.isEmpty()) {
      error(response, 404, "not found");
    } else if (live.size() == 1) {
      Sibling s = live.get(0);
      response.setStatusCode(200)
          .putHeader("Content-Type", s.contentType())
          .putHeader("X-Cairn-Timestamp", Long.toString(s.timestamp()))
          .end(Buffer.buffer(s.value()));
    } else {
      siblings(response, 300, context, live);
    }
  }

  static void siblings(HttpServerResponse response, int status, String context, List<Sibling> live) {
    ObjectNode body = JSON.createObjectNode();
    body.put("context", context);
    ArrayNode list = body.putArray("siblings");
    for (Sibling s : live) {
      ObjectNode n = list.addObject();
      n.put("value", Base64.getEncoder().encodeToString(s.value()));
      n.put("contentType", s.contentType());
      n.put("timestamp", s.timestamp());
    }
    response.setStatusCode(status).putHeader(CONTEXT_HEADER, context);
    json(response, status, body);
  }

  static void error(HttpServerResponse response, int status, String message) {
    json(response, status, Map.of("error", message));
  }

  static void error(HttpServerResponse response, int status, String message, String outcome) {
    json(response, status, Map.of("error", message, "outcome", outcome));
  }

  /** An error with more named fields, e.g. the {@code reason} code of a refused context. */
  static void error(HttpServerResponse response, int status, String message, Map<String, String> fields) {
    Map<String, String> body = new LinkedHashMap<>(fields);
    body.put("error", message);
    json(response, status, body);
  }

  static void json(HttpServerResponse response, int status, Object body) {
    try {
      response.setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(Buffer.buffer(JSON.writeValueAsBytes(body)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      response.setStatusCode(500).end();
    }
  }

  static ObjectMapper mapper() {
    return JSON;
  }
}
