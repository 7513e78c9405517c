package io.cairn.protocol.object;

import java.util.Locale;

/** How a bucket treats concurrent writes. */
public enum ConflictMode {
  /** Keep every concurrent write as a sibling; the client resolves. Nothing is lost (the default). */
  SIBLINGS,
  /**
   * Last write wins by timestamp: concurrent writes are silently discarded except the newest.
   * Opt-in only, and documented as lossy; the node counts what it discards.
   */
  LWW;

  /** The name used in configuration and the HTTP API: {@code siblings} or {@code lww}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConflictMode fromWireName(String name) {
    for (ConflictMode mode : values()) {
      if (mode.wireName().equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "conflict mode '" + name + "' is unknown; use 'siblings' or 'lww'");
  }
}
