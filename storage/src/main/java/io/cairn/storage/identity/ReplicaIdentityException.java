package io.cairn.storage.identity;

import io.cairn.storage.StorageException;

/**
 * The replica identity could not be established; the node must not start, because minting dots
 * under a wrong actor corrupts causality across the cluster.
 */
public class ReplicaIdentityException extends StorageException {

  public ReplicaIdentityException(String message) {
    super(message);
  }

  public ReplicaIdentityException(String message, Throwable cause) {
    super(message, cause);
  }
}
