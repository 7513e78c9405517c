package io.cairn.verification.sim;

/**
 * One run of one node process, from start to crash. Everything the process scheduled (timers,
 * background work, replies it waits for) is tied to its incarnation and silently dropped once it
 * is dead: a crashed process runs no more code, and a restarted one is a new incarnation.
 */
public final class Incarnation {

  private final String node;
  private final int number;
  private boolean alive = true;

  Incarnation(String node, int number) {
    this.node = node;
    this.number = number;
  }

  public boolean alive() {
    return alive;
  }

  void die() {
    alive = false;
  }

  public String node() {
    return node;
  }

  @Override
  public String toString() {
    return node + "#" + number;
  }
}
