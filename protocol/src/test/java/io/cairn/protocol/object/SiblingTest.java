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
}
