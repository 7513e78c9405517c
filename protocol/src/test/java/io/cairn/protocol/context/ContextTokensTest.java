package io.cairn.protocol.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.context.InvalidContextException.Reason;
import io.cairn.protocol.object.BucketKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The client-facing context tokens: round trips, key binding, authentication, the actor bound, and
 * strict rejection of anything else.
 */
class ContextTokensTest {

  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final BucketKey KEY = BucketKey.of("carts", "alice");
  private final ContextTokens tokens = ContextTokens.forClusterSecret(SECRET);

  @Provide
  Arbitrary<VersionVector> vectors() {
    Arbitrary<Actor> actors =
        Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12),
                Arbitraries.longs().between(0, Long.MAX_VALUE))
            .as(Actor::of);
    Arbitrary<Long> counters =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1, 1000), Arbitraries.longs().between(1, Long.MAX_VALUE));
    return Arbitraries.maps(actors, counters).ofMaxSize(10).map(VersionVector::of);
  }

  @Provide
  Arbitrary<BucketKey> keys() {
    return Combinators.combine(
            Arbitraries.strings().ofMinLength(1).ofMaxLength(20).filter(s -> !hasSurrogate(s)),
            Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> !hasSurrogate(s)))
        .as(BucketKey::of);
  }

  @Property(tries = 1000)
  void roundTrips(@ForAll("vectors") VersionVector v, @ForAll("keys") BucketKey key) {
    String token = tokens.issue(key, v);
    assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(ContextTokens.MAX_ENCODED_LENGTH);
    assertThat(tokens.open(key, token)).isEqualTo(v);
  }

  @Property(tries = 1000)
  void anySingleBitFlipIsRejected(
      @ForAll("vectors") VersionVector v, @ForAll @IntRange(max = 100_000) int bit) {
    byte[] bytes = Base64.getUrlDecoder().decode(tokens.issue(KEY, v));
    int b = bit % (bytes.length * 8);
    bytes[b / 8] ^= (byte) (1 << (b % 8));
    String flipped = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    assertThatThrownBy(() -> tokens.open(KEY, flipped)).isInstanceOf(InvalidContextException.class);
  }

  @Property(tries = 1000)
  void aFlipOutsideFormatAndFingerprintIsNotAuthentic(
      @ForAll("vectors") VersionVector v, @ForAll @IntRange(max = 100_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    byte[] bytes = Base64.getUrlDecoder().decode(tokens.issue(KEY, v));
    int at = 1 + ContextTokens.FINGERPRINT_BYTES + position % (bytes.length - 1 - ContextTokens.FINGERPRINT_BYTES);
    bytes[at] ^= (byte) flip;
    String corrupted = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    assertThatThrownBy(() -> tokens.open(KEY, corrupted))
        .isInstanceOfSatisfying(InvalidContextException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHENTIC));
  }

  @Property(tries = 1000)
  void everyTruncationIsRejected(
      @ForAll("vectors") VersionVector v, @ForAll @IntRange(max = 10_000) int cut) {
    String token = tokens.issue(KEY, v);
    String truncated = token.substring(0, 1 + cut % (token.length() - 1));
    assertThatThrownBy(() -> tokens.open(KEY, truncated)).isInstanceOf(InvalidContextException.class);
  }

  @Property(tries = 1000)
  void aTokenOpensOnlyForItsOwnKey(
      @ForAll("vectors") VersionVector v, @ForAll("keys") BucketKey issuedFor, @ForAll("keys") BucketKey usedOn) {
    String token = tokens.issue(issuedFor, v);
    if (issuedFor.equals(usedOn)) {
      assertThat(tokens.open(usedOn, token)).isEqualTo(v);
    } else {
      assertThatThrownBy(() -> tokens.open(usedOn, token))
          .isInstanceOfSatisfying(InvalidContextException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY));
    }
  }

  @Property(tries = 1000)
  void arbitraryTextIsRejected(@ForAll String text) {
    if (text.isEmpty()) {
      return;
    }
    assertThatThrownBy(() -> tokens.open(KEY, text)).isInstanceOf(InvalidContextException.class);
  }

  @Example
  void keysThatOnlyDifferInWhereBucketEndsAreDifferentKeys() {
    String token = tokens.issue(BucketKey.of("ab", "c"), VersionVector.of(Map.of(Actor.of("n1", 1), 1L)));
    assertThatThrownBy(() -> tokens.open(BucketKey.of("a", "bc"), token))
        .isInstanceOfSatisfying(InvalidContextException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY));
  }

  @Example
  void anotherClustersTokenIsNotAuthentic() {
    ContextTokens other = ContextTokens.forClusterSecret(
        "another secret of at least 32 bytes!".getBytes(StandardCharsets.US_ASCII));
    String token = other.issue(KEY, VersionVector.of(Map.of(Actor.of("n1", 1), 3L)));
    assertThatThrownBy(() -> tokens.open(KEY, token))
        .isInstanceOfSatisfying(InvalidContextException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHENTIC);
          assertThat(e).hasMessage("context is not authentic (signed with another cluster secret or altered)");
        });
  }

  @Example
  void aTruncatedMacIsNotAuthentic() {
    VersionVector v = VersionVector.of(Map.of(Actor.of("n1", 1), 3L, Actor.of("n2", 1), 5L));
    byte[] bytes = Base64.getUrlDecoder().decode(tokens.issue(KEY, v));
    // drop the MAC's last byte: the body then ends one byte early and the tag is read a byte off
    String shortened = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(bytes, bytes.length - 1));
    assertThatThrownBy(() -> tokens.open(KEY, shortened))
        .isInstanceOfSatisfying(InvalidContextException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHENTIC));
  }

  @Example
  void shortSecretsAreRefused() {
    assertThatThrownBy(() -> ContextTokens.forClusterSecret(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32");
  }

  @Example
  void formatOneContextsAreRefusedAsUnsigned() {
    // what the earlier, unauthenticated format encoded for {n1@0: 5}
    byte[] body = concat(bytes(1, 1), entry("n1", 0, 5));
    CRC32C crc = new CRC32C();
    crc.update(body, 0, body.length);
    long sum = crc.getValue();
    String old = Base64.getUrlEncoder().withoutPadding().encodeToString(
        concat(body, bytes((int) (sum >>> 24), (int) (sum >>> 16), (int) (sum >>> 8), (int) sum)));
    assertThatThrownBy(() -> tokens.open(KEY, old))
        .isInstanceOfSatisfying(InvalidContextException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNSIGNED_FORMAT);
          assertThat(e).hasMessageContaining("format 1");
        });
  }

  @Example
  void emptyOrMissingMeansNoContext() {
    assertThat(tokens.open(KEY, null)).isEqualTo(VersionVector.empty());
    assertThat(tokens.open(KEY, "")).isEqualTo(VersionVector.empty());
    assertThat(tokens.open(KEY, tokens.issue(KEY, VersionVector.empty()))).isEqualTo(VersionVector.empty());
  }

  @Example
  void aTypicalContextIsCompact() {
    Map<Actor, Long> three = new HashMap<>();
    three.put(Actor.of("n1", 1), 1042L);
    three.put(Actor.of("n2", 1), 17L);
    three.put(Actor.of("n3", 2), 9L);
    assertThat(tokens.issue(KEY, VersionVector.of(three)).length()).isLessThanOrEqualTo(72);
  }

  @Example
  void theLongestLegalTokenHasTheAdvertisedLength() {
    String token = tokens.issue(KEY, widestVector(ContextTokens.MAX_ACTORS));
    assertThat(token).hasSize(ContextTokens.MAX_ENCODED_LENGTH);
    assertThat(tokens.open(KEY, token).size()).isEqualTo(ContextTokens.MAX_ACTORS);
  }

  @Example
  void aVectorBeyondTheBoundIsNeverIssued() {
    assertThatThrownBy(() -> tokens.issue(KEY, widestVector(ContextTokens.MAX_ACTORS + 1)))
        .isInstanceOf(ContextTooWideException.class)
        .hasMessageContaining("at most " + ContextTokens.MAX_ACTORS);
  }

  // Hand-built encodings with a valid MAC, to reach each structural check behind it.

  @Example
  void moreActorsThanTheBoundAreRefusedEvenWhenAuthentic() {
    assertRejected(signed(concat(bytes(ContextTokens.MAX_ACTORS + 1 & 0x7F | 0x80, (ContextTokens.MAX_ACTORS + 1) >>> 7))),
        Reason.TOO_MANY_ACTORS, "carries " + (ContextTokens.MAX_ACTORS + 1) + " actors; at most " + ContextTokens.MAX_ACTORS);
  }

  @Example
  void unknownFormatIsRejected() {
    byte[] raw = signed(bytes(0));
    raw[0] = 3;
    assertRejected(raw, Reason.MALFORMED, "format 3 is unknown");
  }

  @Example
  void trailingBytesAreRejected() {
    assertRejected(signed(bytes(0, 7)), Reason.MALFORMED, "trailing bytes");
  }

  @Example
  void unsortedOrDuplicateActorsAreRejected() {
    byte[] b = entry("b", 0, 1);
    byte[] a = entry("a", 0, 1);
    assertRejected(signed(concat(bytes(2), b, a)), Reason.MALFORMED, "ascending order");
    assertRejected(signed(concat(bytes(2), a, a)), Reason.MALFORMED, "ascending order");
  }

  @Example
  void zeroCountersAreRejected() {
    assertRejected(signed(concat(bytes(1), entry("a", 0, 0))), Reason.MALFORMED, "counter 0");
  }

  @Example
  void overlongNumbersAreRejected() {
    // counter 1 spelled in two bytes (0x81 0x00) instead of one
    byte[] e = concat(bytes(1), "a".getBytes(StandardCharsets.US_ASCII), bytes(0, 0x81, 0x00));
    assertRejected(signed(concat(bytes(1), e)), Reason.MALFORMED, "overlong");
  }

  @Example
  void invalidNodeIdsAreRejected() {
    assertRejected(signed(concat(bytes(1), entry("-x", 0, 1))), Reason.MALFORMED, "entry 0");
  }

  @Example
  void countsBeyondTheDataAreRejected() {
    assertRejected(signed(concat(bytes(3), entry("a", 0, 1))), Reason.MALFORMED, "middle of an entry");
  }

  @Example
  void paddingNonCanonicalBase64AndOverlongTextAreRejected() {
    String good = tokens.issue(KEY, VersionVector.of(Map.of(Actor.of("n1", 0), 5L)));
    assertThatThrownBy(() -> tokens.open(KEY, good + "==")).isInstanceOf(InvalidContextException.class);
    assertThatThrownBy(() -> tokens.open(KEY, good.replace('A', '+'))).isInstanceOf(InvalidContextException.class);
    assertThatThrownBy(() -> tokens.open(KEY, "x".repeat(ContextTokens.MAX_ENCODED_LENGTH + 1)))
        .hasMessageContaining("no context of at most " + ContextTokens.MAX_ACTORS + " actors");
  }

  private void assertRejected(byte[] raw, Reason reason, String detail) {
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    assertThatThrownBy(() -> tokens.open(KEY, token))
        .isInstanceOfSatisfying(InvalidContextException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(detail);
  }

  /** Format byte, KEY's fingerprint, {@code entries}, and a valid MAC under SECRET. */
  private static byte[] signed(byte[] entries) {
    try {
      byte[] keyBytes = ContextTokens.keyBytes(KEY);
      byte[] fingerprint = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(keyBytes), 8);
      byte[] body = concat(bytes(ContextTokens.FORMAT), fingerprint, entries);
      Mac derive = Mac.getInstance("HmacSHA256");
      derive.init(new SecretKeySpec(SECRET, "HmacSHA256"));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(derive.doFinal(ContextTokens.KEY_LABEL.getBytes(StandardCharsets.US_ASCII)), "HmacSHA256"));
      mac.update(body);
      return concat(body, Arrays.copyOf(mac.doFinal(keyBytes), 16));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The longest possible encoding per actor: 64-character node ids, 63-bit epochs and counters. */
  static VersionVector widestVector(int actors) {
    Map<Actor, Long> entries = new HashMap<>();
    for (int i = 0; i < actors; i++) {
      entries.put(Actor.of(String.format("%064d", i), Long.MAX_VALUE), Long.MAX_VALUE);
    }
    return VersionVector.of(entries);
  }

  private static boolean hasSurrogate(String s) {
    return s.chars().anyMatch(c -> Character.isSurrogate((char) c));
  }

  private static byte[] entry(String node, int epoch, int counter) {
    byte[] id = node.getBytes(StandardCharsets.US_ASCII);
    return concat(bytes(id.length), id, bytes(epoch, counter));
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : List.of(parts)) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }
}
