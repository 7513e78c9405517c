package io.cairn.verification.history;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a history, shaped like Jepsen's op map: {@code :index :time :type :process :f
 * :value}, plus extra keys (such as {@code :key}, {@code :node}, {@code :error}).
 *
 * <p>{@code time} is nanoseconds since the test started. {@code process} is the client's logical
 * process; {@link #NEMESIS} marks the nemesis (written as {@code :nemesis}). {@code value} holds
 * plain data only: {@code Long}, {@code String}, {@code Boolean}, {@code Double}, {@link Keyword},
 * {@code List}, {@code Set}, {@code Map}, or {@code null}.
 */
public record Op(long index, long time, OpType type, int process, String f, Object value,
         Map<String, Object> extra) {

  /** The process id of the nemesis. */
  public static final int NEMESIS = -1;

  public Op {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(f, "f");
    extra = extra == null || extra.isEmpty()
        ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  public static Op invoke(int process, String f, Object value, Map<String, Object> extra) {
    return new Op(-1, -1, OpType.INVOKE, process, f, value, extra);
  }

  /** The completion of this invocation with the given type and value, keeping its extra keys. */
  public Op complete(OpType completion, Object completedValue, Map<String, Object> moreExtra) {
    Map<String, Object> merged = new LinkedHashMap<>(extra);
    if (moreExtra != null) {
      merged.putAll(moreExtra);
    }
    return new Op(-1, -1, completion, process, f, completedValue, merged);
  }

  /** The same op placed in a history at {@code index}, {@code time}. */
  public Op at(long newIndex, long newTime) {
    return new Op(newIndex, newTime, type, process, f, value, extra);
  }

  public Object get(String extraKey) {
    return extra.get(extraKey);
  }

  public boolean isInvoke() {
    return type == OpType.INVOKE;
  }

  public boolean isOk() {
    return type == OpType.OK;
  }

  public boolean isFail() {
    return type == OpType.FAIL;
  }

  public boolean isInfo() {
    return type == OpType.INFO;
  }

  public boolean isNemesis() {
    return process == NEMESIS;
  }
}
