package io.cairn.storage.identity;


/**
 * The identity file exists but cannot be read or understood. Never answered with a fresh identity:
 * the file is the only record of which node the directory's data belongs to, so an operator has to
 * decide.
 */
public final class CorruptIdentityFileException extends ReplicaIdentityException {

  private final String file;

  public CorruptIdentityFileException(String file, String problem, Throwable cause) {
    super("replica identity file " + file + " is unreadable (" + problem + "); refusing to start. "
        + "Restore it from a backup, or, once sure the directory belongs to this node, delete it: "
        + "the node then starts under a new epoch, which is always safe.", cause);
    this.file = file;
  }

  public String file() {
    return file;
  }
}
