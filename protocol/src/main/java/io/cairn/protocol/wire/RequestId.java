package io.cairn.protocol.wire;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 128-bit identifier every client mutation carries end to end, so that a retried or duplicated
 * request can be recognised and a timed-out one traced. Minted from injected randomness, never from
 * a global generator.
 */
public record RequestId(long high, long low) {

  public static RequestId random(RandomGenerator random) {
    return new RequestId(random.nextLong(), random.nextLong());
  }

  @Override
  public String toString() {
    HexFormat hex = HexFormat.of();
    return hex.toHexDigits(high) + hex.toHexDigits(low);
  }
}
