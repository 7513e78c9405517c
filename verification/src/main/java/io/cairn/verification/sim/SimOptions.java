package io.cairn.verification.sim;

/**
 * What a run includes beyond the fault schedule its seed draws.
 *
 * @param lwwControl also run the set workload on an {@code lww} bucket (a negative control)
 * @param brokenMerge replicas overwrite their copy with each incoming one instead of merging (a
 *     negative control: a deliberately broken merge)
 * @param unverifiedStorage storage never checks its checksums, so values that rot are served (a
 *     negative control for the bit-rot fault)
 */
public record SimOptions(boolean lwwControl, boolean brokenMerge, boolean unverifiedStorage) {

  public static final SimOptions DEFAULT = new SimOptions(false, false, false);
}
