package io.cairn.client;

/**
 * Per-read quorum options; {@code 0} means "the bucket's default".
 *
 * @param r         replies to wait for
 * @param pr        how many of them must be primaries
 * @param timeoutMs the coordinator's deadline in milliseconds
 * @param local     read only the answering node's own copy (no coordination)
 */
public record ReadOptions(int r, int pr, int timeoutMs, boolean local) {
  public static final ReadOptions DEFAULT = new ReadOptions(0, 0, 0, false);

  public static ReadOptions localCopy() {
    return new ReadOptions(0, 0, 0, true);
  }

  public ReadOptions withR(int newR) {
    return new ReadOptions(newR, pr, timeoutMs, local);
  }

  public ReadOptions withTimeoutMs(int ms) {
    return new ReadOptions(r, pr, ms, local);
  }
}
