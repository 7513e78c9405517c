package io.cairn.protocol.context;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.ring.NodeId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque causal context handed to clients (HTTP header {@code X-Cairn-Context}, the binary
 * client port's {@code ClientPut}/{@code ClientReply}): a {@link VersionVector}, bound to the bucket
 * and key it was issued for and authenticated with a MAC under a key derived from the cluster
 * secret, as unpadded base64url.
 *
 * <p>Why a MAC: a context decides which siblings a write discards. A context a client made up (or
 * took from another key) could discard acknowledged values it never saw, claim counters no node
 * will ever reach (the key could then never be written again) or carry thousands of actors. With
 * the MAC a node accepts only vectors some node of this cluster handed out for this very key.
 *
 * <p>Layout of format 2, before base64url:
 *
 * <pre>
 *   byte      format (= 2)
 *   8 bytes   key fingerprint: the first 8 bytes of SHA-256(bucket/key, encoded as below)
 *   varint    number of entries (at most {@link #MAX_ACTORS})
 *   entries in strictly ascending actor order:
 *     varint  length of the node id, then its ASCII bytes
 *     varint  epoch
 *     varint  counter (>= 1)
 *   16 bytes  HMAC-SHA256(context key, everything above || bucket/key), first 16 bytes
 * </pre>
 *
 * <p>The bucket/key encoding is unambiguous: the bucket's UTF-8 length in one byte (at most 255),
 * its bytes, the key's UTF-8 length in two bytes big-endian (at most 65535), its bytes. The MAC
 * covers the full bucket and key, so the binding does not rest on the fingerprint's 64 bits; the
 * fingerprint is there to tell a context sent to the wrong key (an application bug) from a forged
 * or damaged one. SHA-256 rather than MD5: the JDK always has it, nobody has to argue about MD5 in a
 * review, and hashing a key of at most a few KiB costs microseconds either way.
 *
 * <p>Decoding is strict and checks in this order: length, canonical base64url, format (format 1,
 * the unauthenticated CRC32C format of earlier versions, is refused with its own reason), key
 * fingerprint, MAC (compared in constant time), then the exact canonical layout. Each failure is an
 * {@link InvalidContextException} with its {@link InvalidContextException.Reason}; nothing is ever
 * half-parsed.
 *
 * <p>Thread-safe: each thread gets its own {@link Mac} and {@link MessageDigest}.
 */
public final class ContextTokens {

  /** Current format byte; format 1 (CRC32C, no MAC) is refused. */
  public static final int FORMAT = 2;

  /**
   * The most actors a context carries. A key's vector has one entry per (node, epoch) that
   * coordinated a write of it: a few per primary over the life of a cluster. The bound keeps the
   * longest token ({@link #MAX_ENCODED_LENGTH}, about 22 KB at worst with 64-character node ids)
   * inside a 32 KiB HTTP header block with 8 KiB to spare for every other header.
   */
  public static final int MAX_ACTORS = 200;

  /** Bytes of the truncated HMAC-SHA256 tag. */
  public static final int MAC_BYTES = 16;

  /** Bytes of the key fingerprint. */
  public static final int FINGERPRINT_BYTES = 8;

  /** The label the context MAC key is derived under from the cluster secret. */
  public static final String KEY_LABEL = "cairn context v2";

  /** The shortest cluster secret accepted, in bytes. */
  public static final int MIN_SECRET_BYTES = 32;

  /** Longest entry: length byte, a 64-character node id, two 9-byte varints. */
  private static final int MAX_ENTRY_BYTES = 1 + NodeId.MAX_LENGTH + 9 + 9;

  /** Longest legal token, in raw bytes. */
  public static final int MAX_TOKEN_BYTES =
      1 + FINGERPRINT_BYTES + varintLength(MAX_ACTORS) + MAX_ACTORS * MAX_ENTRY_BYTES + MAC_BYTES;

  /** Longest legal token in characters (unpadded base64url); anything longer is refused unread. */
  public static final int MAX_ENCODED_LENGTH = (MAX_TOKEN_BYTES * 4 + 2) / 3;

  private static final int MIN_TOKEN_BYTES = 1 + FINGERPRINT_BYTES + 1 + MAC_BYTES;
  private static final String MAC_ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec contextKey;
  private final ThreadLocal<Crypto> crypto = ThreadLocal.withInitial(this::newCrypto);

  private ContextTokens(byte[] contextKey) {
    this.contextKey = new SecretKeySpec(contextKey, MAC_ALGORITHM);
  }

  /**
   * Tokens under the context key derived from {@code clusterSecret}: HMAC-SHA256(secret,
   * {@value #KEY_LABEL}). Deriving under a label lets the same secret later key other uses (internode
   * handshakes) without one use's MACs being valid for another.
   *
   * @throws IllegalArgumentException if the secret is shorter than {@value #MIN_SECRET_BYTES} bytes
   */
  public static ContextTokens forClusterSecret(byte[] clusterSecret) {
    if (clusterSecret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the cluster secret is " + clusterSecret.length + " bytes; at least "
          + MIN_SECRET_BYTES + " are required");
    }
    try {
      Mac mac = Mac.getInstance(MAC_ALGORITHM);
      mac.init(new SecretKeySpec(clusterSecret, MAC_ALGORITHM));
      return new ContextTokens(mac.doFinal(KEY_LABEL.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }

  /**
   * The token of {@code context} for {@code key}.
   *
   * @throws ContextTooWideException if the vector has more than {@link #MAX_ACTORS} actors: a node
   *     never hands out a context it would refuse
   */
  public String issue(BucketKey key, VersionVector context) {
    if (context.size() > MAX_ACTORS) {
      throw new ContextTooWideException("the causal history of " + key + " carries " + context.size()
          + " actors; a context carries at most " + MAX_ACTORS);
    }
    Crypto c = crypto.get();
    byte[] keyBytes = keyBytes(key);
    ByteArrayOutputStream out = new ByteArrayOutputStream(MIN_TOKEN_BYTES + context.size() * 16);
    out.write(FORMAT);
    out.write(c.fingerprint(keyBytes), 0, FINGERPRINT_BYTES);
    writeVarint(out, context.size());
    for (int i = 0; i < context.size(); i++) {
      Actor actor = context.actorAt(i);
      byte[] id = actor.node().value().getBytes(StandardCharsets.US_ASCII);
      writeVarint(out, id.length);
      out.write(id, 0, id.length);
      writeVarint(out, actor.epoch());
      writeVarint(out, context.counterAt(i));
    }
    byte[] body = out.toByteArray();
    out.write(c.mac(body, body.length, keyBytes), 0, MAC_BYTES);
    return ENCODER.encodeToString(out.toByteArray());
  }

  /**
   * The vector of a token {@link #issue issued} for {@code key}. A null or empty token means "no
   * context" (a blind write) and yields the empty vector.
   *
   * @throws InvalidContextException if {@code token} is anything but a token this cluster issued for
   *     {@code key}
   */
  public VersionVector open(BucketKey key, String token) {
    if (token == null || token.isEmpty()) {
      return VersionVector.empty();
    }
    if (token.length() > MAX_ENCODED_LENGTH) {
      throw InvalidContextException.malformed("it is " + token.length() + " characters long; no context of at most "
          + MAX_ACTORS + " actors is longer than " + MAX_ENCODED_LENGTH);
    }
    if (token.indexOf('=') >= 0) {
      throw InvalidContextException.malformed("it must be unpadded base64url (no '=')");
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(token);
    } catch (IllegalArgumentException e) {
      throw InvalidContextException.malformed("it is not base64url: " + e.getMessage());
    }
    if (!ENCODER.encodeToString(bytes).equals(token)) {
      // Base64 tolerates non-zero trailing bits; a canonical context has exactly one spelling.
      throw InvalidContextException.malformed("it is not canonical base64url");
    }
    if (bytes.length >= 1 && bytes[0] == 1) {
      throw new InvalidContextException(InvalidContextException.Reason.UNSIGNED_FORMAT,
          "context is in format 1, which was not authenticated and is no longer accepted; read the key again"
              + " for a current context");
    }
    if (bytes.length < MIN_TOKEN_BYTES) {
      throw InvalidContextException.malformed("it is truncated (" + bytes.length + " bytes)");
    }
    if (bytes[0] != FORMAT) {
      throw InvalidContextException.malformed(
          "format " + (bytes[0] & 0xFF) + " is unknown; this node reads format " + FORMAT);
    }
    Crypto c = crypto.get();
    byte[] keyBytes = keyBytes(key);
    byte[] fingerprint = c.fingerprint(keyBytes);
    if (!Arrays.equals(bytes, 1, 1 + FINGERPRINT_BYTES, fingerprint, 0, FINGERPRINT_BYTES)) {
      throw new InvalidContextException(InvalidContextException.Reason.WRONG_KEY,
          "context was issued for a different key than " + key + " (a context belongs to the key it was read or"
              + " written with)");
    }
    int bodyLength = bytes.length - MAC_BYTES;
    byte[] expected = Arrays.copyOf(c.mac(bytes, bodyLength, keyBytes), MAC_BYTES);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, bodyLength, bytes.length))) {
      throw new InvalidContextException(InvalidContextException.Reason.NOT_AUTHENTIC,
          "context is not authentic (signed with another cluster secret or altered)");
    }
    return readEntries(bytes, bodyLength);
  }

  private static VersionVector readEntries(byte[] bytes, int bodyLength) {
    Reader in = new Reader(bytes, 1 + FINGERPRINT_BYTES, bodyLength);
    long count = in.readVarint();
    if (count > MAX_ACTORS) {
      throw new InvalidContextException(InvalidContextException.Reason.TOO_MANY_ACTORS,
          "context carries " + count + " actors; at most " + MAX_ACTORS);
    }
    VersionVector.Builder builder = VersionVector.builder((int) count);
    Actor previous = null;
    for (long i = 0; i < count; i++) {
      int idLength = (int) Math.min(in.readVarint(), Integer.MAX_VALUE);
      NodeId node;
      try {
        node = NodeId.of(new String(in.readBytes(idLength), StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw InvalidContextException.malformed("entry " + i + ": " + e.getMessage());
      }
      Actor actor = new Actor(node, in.readVarint());
      long counter = in.readVarint();
      if (counter < 1) {
        throw InvalidContextException.malformed("entry " + i + " (" + actor + ") has counter 0");
      }
      if (previous != null && previous.compareTo(actor) >= 0) {
        throw InvalidContextException.malformed("entries are not in strictly ascending order at " + actor);
      }
      builder.add(actor, counter);
      previous = actor;
    }
    if (!in.atEnd()) {
      throw InvalidContextException.malformed("it has trailing bytes after its last entry");
    }
    return builder.build();
  }

  /** The unambiguous bytes of a bucket and key that the fingerprint and MAC cover. */
  static byte[] keyBytes(BucketKey key) {
    byte[] bucket = key.bucket().getBytes(StandardCharsets.UTF_8);
    byte[] k = key.key().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[1 + bucket.length + 2 + k.length];
    out[0] = (byte) bucket.length;
    System.arraycopy(bucket, 0, out, 1, bucket.length);
    out[1 + bucket.length] = (byte) (k.length >>> 8);
    out[2 + bucket.length] = (byte) k.length;
    System.arraycopy(k, 0, out, 3 + bucket.length, k.length);
    return out;
  }

  private Crypto newCrypto() {
    try {
      Mac mac = Mac.getInstance(MAC_ALGORITHM);
      mac.init(contextKey);
      return new Crypto(mac, MessageDigest.getInstance("SHA-256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 or SHA-256 is unavailable in this JVM", e);
    }
  }

  /** One thread's MAC and digest: neither is thread-safe, and making them per call is not free. */
  private record Crypto(Mac mac, MessageDigest sha256) {
    byte[] fingerprint(byte[] keyBytes) {
      return sha256.digest(keyBytes);
    }

    byte[] mac(byte[] body, int length, byte[] keyBytes) {
      mac.update(body, 0, length);
      return mac.doFinal(keyBytes);
    }
  }

  private static int varintLength(long value) {
    int n = 1;
    while ((value & ~0x7FL) != 0) {
      value >>>= 7;
      n++;
    }
    return n;
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  /** Bounds-checked reader over the entries (the bytes between the fingerprint and the MAC). */
  private static final class Reader {
    private final byte[] bytes;
    private final int limit;
    private int position;

    Reader(byte[] bytes, int start, int limit) {
      this.bytes = bytes;
      this.position = start;
      this.limit = limit;
    }

    int readByte() {
      if (position >= limit) {
        throw InvalidContextException.malformed("it ends in the middle of an entry");
      }
      return bytes[position++] & 0xFF;
    }

    byte[] readBytes(int length) {
      if (length < 0 || length > limit - position) {
        throw InvalidContextException.malformed("it ends in the middle of an entry");
      }
      byte[] out = new byte[length];
      System.arraycopy(bytes, position, out, 0, length);
      position += length;
      return out;
    }

    /** An unsigned LEB128 varint in its shortest form, at most 63 bits. */
    long readVarint() {
      long value = 0;
      for (int shift = 0; shift < 63; shift += 7) {
        int b = readByte();
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (b == 0 && shift > 0) {
            throw InvalidContextException.malformed("it contains an overlong number");
          }
          if (value < 0) {
            throw InvalidContextException.malformed("it contains a number out of range");
          }
          return value;
        }
      }
      throw InvalidContextException.malformed("it contains a number out of range");
    }

    boolean atEnd() {
      return position == limit;
    }
  }
}
