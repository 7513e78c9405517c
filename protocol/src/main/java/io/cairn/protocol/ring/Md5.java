package io.cairn.protocol.ring;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Fresh MD5 digests, cheaply. {@code MessageDigest.getInstance} walks the security providers on
 * every call, which showed up in profiles of the request path (a partition lookup and a Merkle
 * update per write); cloning one pristine instance skips that. The prototype is never updated, only
 * cloned, so sharing it between threads is safe.
 */
public final class Md5 {

  private static final MessageDigest PROTOTYPE = lookUp();

  private Md5() {}

  /** A new MD5 digest in its initial state, owned by the caller. */
  public static MessageDigest newDigest() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return lookUp(); // a provider whose MD5 cannot be cloned: the slow way still works
    }
  }

  private static MessageDigest lookUp() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide MD5.
      throw new IllegalStateException("MD5 is not available", e);
    }
  }
}
