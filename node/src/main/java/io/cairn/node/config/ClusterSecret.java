package io.cairn.node.config;

import io.cairn.protocol.context.ContextTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The secret every node of a cluster shares ({@code cluster.secret} / {@code cluster.secret-file}):
 * the root of the keys that authenticate what the cluster hands out, such as client contexts
 * ({@link ContextTokens}). At least {@value ContextTokens#MIN_SECRET_BYTES} bytes, written as base64
 * ({@code openssl rand -base64 32}) or as hex ({@code openssl rand -hex 32}). Never printed.
 */
public final class ClusterSecret {

  /** The file a single node keeps a generated secret in, inside its data directory. */
  public static final String FILE_NAME = "cluster-secret";

  private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}){32,}");

  private final byte[] bytes;

  private ClusterSecret(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  /**
   * Parses a secret as written in configuration: 64 or more hex digits are read as hex, anything
   * else as base64 (standard or URL alphabet, padding optional). The same rule on every node, so the
   * same text always means the same bytes.
   *
   * @throws IllegalArgumentException naming what is wrong, never quoting the secret
   */
  public static ClusterSecret parse(String text) {
    String t = text.strip();
    byte[] bytes;
    if (HEX.matcher(t).matches()) {
      bytes = HexFormat.of().parseHex(t);
    } else {
      try {
        bytes = Base64.getDecoder().decode(t.replace('-', '+').replace('_', '/'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("is neither hex nor base64 (generate one with `openssl rand -base64 32`)");
      }
    }
    if (bytes.length < ContextTokens.MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("is " + bytes.length + " bytes; at least " + ContextTokens.MIN_SECRET_BYTES
          + " are required (generate one with `openssl rand -base64 32`)");
    }
    return new ClusterSecret(bytes);
  }

  /**
   * The secret a single node keeps in its data directory: read if the file exists, otherwise drawn
   * from {@code random} and written (owner-only, 0600, where the file system has POSIX permissions).
   */
  public static Generated loadOrCreate(Path dataDir, RandomGenerator random) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      try {
        return new Generated(parse(Files.readString(file, StandardCharsets.US_ASCII)), file, false);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " " + e.getMessage(), e);
      }
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp); // no POSIX permissions here: the data directory's own protection applies
    }
    Files.writeString(tmp, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      Files.move(tmp, file);
    }
    return new Generated(new ClusterSecret(bytes), file, true);
  }

  /** A secret kept in a node's data directory, and whether this start created it. */
  public record Generated(ClusterSecret secret, Path file, boolean created) {}

  /** The secret's bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The client-context tokens keyed by this secret. */
  public ContextTokens contextTokens() {
    return ContextTokens.forClusterSecret(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterSecret other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Never the secret itself: configurations are logged and printed. */
  @Override
  public String toString() {
    return "ClusterSecret[" + bytes.length + " bytes]";
  }
}
