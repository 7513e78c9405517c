package io.cairn.verification.sim;

/**
 * What a run includes beyond the fault schedule its seed draws.
 *
 * @param lwwControl also run the set workload on an {@code lww} bucket (a negative control)
 * @param brokenMerge replicas overwrite their copy with each incoming one instead of merging (a
 *     negative control: a deliberately broken merge)
 */
public record SimOptions(boolean lwwControl, boolean brokenMerge) {

  public static final SimOptions DEFAULT = new SimOptions(false, false);
}
