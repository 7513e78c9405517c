package io.cairn.protocol.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Node ids are safe in file names, metric labels and headers: the accepted alphabet and length. */
class NodeIdTest {

  @Test
  void lettersDigitsAndInnerPunctuationAreAccepted() {
    for (String id : new String[] {"n1", "N1", "9", "z", "Z", "0", "cairn-eu_3.local", "a.b", "a_b", "a-b"}) {
      assertThat(NodeId.of(id).value()).isEqualTo(id);
    }
  }

  @Test
  void anIdMustStartWithALetterOrDigit() {
    for (String id : new String[] {".a", "_a", "-a"}) {
      assertThatThrownBy(() -> NodeId.of(id)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must start with a letter or digit");
    }
  }

  @Test
  void charactersOutsideTheAlphabetAreRefusedAnywhere() {
    // just outside each range the check names: '`' '{' '@' '[' '/' ':'
    for (String id : new String[] {"a`", "a{", "a@", "a[", "a/", "a:", "a b", "a\u00e9", "a,", "`", "{", "@", "[", "/", ":"}) {
      assertThatThrownBy(() -> NodeId.of(id)).as(id).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void emptyAndMissingIdsAreRefused() {
    assertThatThrownBy(() -> NodeId.of("")).hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> NodeId.of(null)).hasMessageContaining("must not be empty");
  }

  @Test
  void theLengthLimitIsInclusive() {
    assertThat(NodeId.of("a".repeat(NodeId.MAX_LENGTH)).value()).hasSize(64);
    assertThatThrownBy(() -> NodeId.of("a".repeat(NodeId.MAX_LENGTH + 1)))
        .hasMessageContaining("65 characters; at most 64");
  }

  @Test
  void idsCompareEqualAndOrderByName() {
    assertThat(NodeId.of("n1")).isEqualTo(NodeId.of("n1")).hasSameHashCodeAs(NodeId.of("n1"))
        .isNotEqualTo(NodeId.of("n2")).isNotEqualTo("n1");
    assertThat(NodeId.of("n1").compareTo(NodeId.of("n2"))).isNegative();
    assertThat(NodeId.of("n2").compareTo(NodeId.of("n1"))).isPositive();
    assertThat(NodeId.of("n1")).hasToString("n1");
  }
}
