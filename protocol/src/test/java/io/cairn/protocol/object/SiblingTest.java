package io.cairn.protocol.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SiblingTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theConstructorKeepsItsOwnCopyAndHandsOutCopies() {
    byte[] mine = bytes("abc");
    Sibling s = Sibling.of(mine, "text/plain", 1);
    mine[0] = 'x';
    assertThat(s.value()).isEqualTo(bytes("abc"));
    s.value()[1] = 'y';
    assertThat(s.value()).isEqualTo(bytes("abc"));
  }

  @Test
  void owningTakesTheArrayOverAndChecksLikeTheConstructor() {
    byte[] decoded = bytes("abc");
    Sibling s = Sibling.owning(decoded, "text/plain", 1, false);
    assertThat(s).isEqualTo(Sibling.of(bytes("abc"), "text/plain", 1));
    assertThatThrownBy(() -> Sibling.owning(bytes("a"), "text/plain", 1, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tombstone");
    assertThatThrownBy(() -> Sibling.owning(bytes("a"), "bad\ntype", 1, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNewTimestampKeepsTheValueTypeAndDeleteFlag() {
    Sibling s = Sibling.of(bytes("v"), "text/plain", 1).withTimestamp(7);
    assertThat(s).isEqualTo(Sibling.of(bytes("v"), "text/plain", 7));
    assertThat(Sibling.tombstone(1).withTimestamp(9)).isEqualTo(Sibling.tombstone(9));
  }

  @Test
  void writeValueToWritesExactlyTheValue() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Sibling.of(bytes("hello"), "text/plain", 1).writeValueTo(out);
    assertThat(out.toByteArray()).isEqualTo(bytes("hello"));
  }

  @Test
  void aContentTypeIsOneTo255PrintableAsciiCharacters() {
    assertThat(Sibling.of(bytes("v"), "a".repeat(Sibling.MAX_CONTENT_TYPE_LENGTH), 1).contentType())
        .hasSize(Sibling.MAX_CONTENT_TYPE_LENGTH);
    assertThatThrownBy(() -> Sibling.of(bytes("v"), "a".repeat(Sibling.MAX_CONTENT_TYPE_LENGTH + 1), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 255");
    assertThatThrownBy(() -> Sibling.of(bytes("v"), "", 1)).isInstanceOf(IllegalArgumentException.class);
    // the printable range is inclusive at both ends: space (0x20) and tilde (0x7E)
    assertThat(Sibling.of(bytes("v"), " ~", 1).contentType()).isEqualTo(" ~");
    assertThatThrownBy(() -> Sibling.of(bytes("v"), "a\u001f", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sibling.of(bytes("v"), "a\u007f", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void siblingsAreEqualOnlyWhenEveryFieldIs() {
    Sibling s = Sibling.of(bytes("abc"), "text/plain", 1);
    assertThat(s).isEqualTo(Sibling.of(bytes("abc"), "text/plain", 1)).hasSameHashCodeAs(Sibling.of(bytes("abc"), "text/plain", 1));
    assertThat(s).isNotEqualTo(Sibling.of(bytes("abd"), "text/plain", 1));
    assertThat(s).isNotEqualTo(Sibling.of(bytes("abc"), "text/html", 1));
    assertThat(s).isNotEqualTo(Sibling.of(bytes("abc"), "text/plain", 2));
    assertThat(Sibling.tombstone(1)).isNotEqualTo(Sibling.of(new byte[0], "application/octet-stream", 1));
    assertThat(s.hashCode()).isNotEqualTo(Sibling.of(bytes("abd"), "text/plain", 1).hashCode());
    assertThat(s.size()).isEqualTo(3);
  }

  @Test
  void theReadableFormShowsUpTo16BytesInHex() {
    assertThat(Sibling.of(bytes("abc"), "text/plain", 7).toString()).isEqualTo("Sibling{3 bytes 616263, text/plain, t=7}");
    assertThat(Sibling.of(new byte[16], "x/y", 1).toString()).contains("16 bytes " + "00".repeat(16) + ",");
    assertThat(Sibling.of(new byte[17], "x/y", 1).toString()).contains("17 bytes " + "00".repeat(16) + "...");
    assertThat(Sibling.tombstone(5).toString()).isEqualTo("Sibling{tombstone, t=5}");
  }
}
