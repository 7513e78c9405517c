package io.cairn.verification.sim;

/**
 * How the simulated network treats each message: a delay drawn uniformly from
 * [{@code minDelayMs}, {@code maxDelayMs}] (independent draws reorder messages), dropped with
 * {@code dropRate}, delivered twice with {@code duplicateRate}.
 */
public record NetworkConditions(long minDelayMs, long maxDelayMs, double dropRate, double duplicateRate) {

  /** A quiet LAN: what the final phase heals to. */
  public static final NetworkConditions CALM = new NetworkConditions(1, 3, 0, 0);
}
