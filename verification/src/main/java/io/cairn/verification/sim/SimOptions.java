package io.cairn.verification.sim;

/**
 * What a run includes beyond the fault schedule its seed draws.
 *
 * @param lwwControl also run the set workload on an {@code lww} bucket (a negative control)
 * @param brokenMerge replicas overwrite their copy with each incoming one instead of merging (a
 *     negative control: a deliberately broken merge)
 * @param unverifiedStorage storage never checks its checksums, so values that rot are served (a
 *     negative control for the bit-rot fault)
 * @param runawayMerge replicas keep every copy they are sent as new siblings, so sibling sets grow
 *     without end (a negative control for the run bounds)
 * @param bounds the limits that end a run as INVALID
 */
public record SimOptions(boolean lwwControl, boolean brokenMerge, boolean unverifiedStorage, boolean runawayMerge,
    SimBounds bounds) {

  public static final SimOptions DEFAULT = new SimOptions(false, false, false, false, SimBounds.DEFAULT);

  /** The default bounds with the given negative controls. */
  public SimOptions(boolean lwwControl, boolean brokenMerge, boolean unverifiedStorage) {
    this(lwwControl, brokenMerge, unverifiedStorage, false, SimBounds.DEFAULT);
  }
}
