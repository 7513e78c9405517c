package io.cairn.verification.sim;

import io.cairn.node.net.PeerUnavailableException;
import io.cairn.protocol.wire.QuorumOutcome;
import io.cairn.verification.history.Op;
import io.cairn.verification.history.OpType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Jepsen's outcome mapping for simulated clients, as the HTTP API and the Java client map them:
 * a write is {@code :fail} only when it certainly changed nothing (refused, a connection that
 * could not be opened, a coordinator that answered FAILED); anything that may have applied is
 * {@code :info}. A read that did not succeed is a plain {@code :fail}.
 */
final class Outcome {

  private Outcome() {}

  static Op ofWrite(Op invoke, QuorumOutcome outcome, String detail, Map<String, Object> extra) {
    OpType type = switch (outcome) {
      case OK -> OpType.OK;
      case INDETERMINATE -> OpType.INFO;
      default -> OpType.FAIL;
    };
    return invoke.complete(type, invoke.value(), type == OpType.OK ? extra : withError(extra, outcome + ": " + detail));
  }

  static Op writeError(Op invoke, Throwable error, Map<String, Object> extra) {
    Throwable e = unwrap(error);
    // the put never left the client, or was refused before anything was written
    boolean certain = e instanceof PeerUnavailableException || e instanceof IllegalArgumentException;
    return invoke.complete(certain ? OpType.FAIL : OpType.INFO, invoke.value(), withError(extra, describe(e)));
  }

  static Op readFailed(Op invoke, String why) {
    return invoke.complete(OpType.FAIL, null, Map.of("error", why));
  }

  static Op readError(Op invoke, Throwable error) {
    return readFailed(invoke, describe(unwrap(error)));
  }

  static Map<String, Object> withError(Map<String, Object> extra, String why) {
    Map<String, Object> merged = new LinkedHashMap<>(extra);
    merged.put("error", why);
    return merged;
  }

  static String describe(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
