package io.cairn.verification.sim;

/** A run went past one of its {@link SimBounds}: it ends there, as INVALID. */
final class SimBoundExceeded extends RuntimeException {

  SimBoundExceeded(String message) {
    super(message, null, false, false); // a verdict on the run, not a fault of the simulator
  }
}
