package io.cairn.client;

/**
 * Per-write quorum options; {@code 0} means "the bucket's default".
 *
 * @param w         acknowledgements to wait for (fallbacks count)
 * @param pw        acknowledgements that must come from primaries
 * @param timeoutMs the coordinator's deadline in milliseconds
 */
public record WriteOptions(int w, int pw, int timeoutMs) {
  public static final WriteOptions DEFAULT = new WriteOptions(0, 0, 0);

  public WriteOptions withW(int newW) {
    return new WriteOptions(newW, pw, timeoutMs);
  }

  public WriteOptions withTimeoutMs(int ms) {
    return new WriteOptions(w, pw, ms);
  }
}
