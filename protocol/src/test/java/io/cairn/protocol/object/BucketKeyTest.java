package io.cairn.protocol.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The wire format's hard limits on bucket names and keys, counted in UTF-8 bytes. */
class BucketKeyTest {

  @Test
  void theBucketLimitIsInclusiveAndCountsBytesNotCharacters() {
    assertThat(BucketKey.of("b".repeat(255), "k").bucket()).hasSize(255);
    assertThatThrownBy(() -> BucketKey.of("b".repeat(256), "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bucket name is 256 bytes; at most 255 are allowed");
    // 128 two-byte characters: 128 chars, 256 bytes
    assertThatThrownBy(() -> BucketKey.of("\u00e9".repeat(128), "k"))
        .hasMessageContaining("256 bytes");
  }

  @Test
  void theKeyLimitIsInclusiveAndCountsBytesNotCharacters() {
    assertThat(BucketKey.of("b", "k".repeat(65_535)).key()).hasSize(65_535);
    assertThatThrownBy(() -> BucketKey.of("b", "k".repeat(65_536)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key is 65536 bytes; at most 65535 are allowed");
    assertThatThrownBy(() -> BucketKey.of("b", "\u00e9".repeat(32_768)))
        .hasMessageContaining("65536 bytes");
  }

  @Test
  void emptyNamesAreRefused() {
    assertThatThrownBy(() -> BucketKey.of("", "k")).hasMessage("bucket name must not be empty");
    assertThatThrownBy(() -> BucketKey.of("b", "")).hasMessage("key must not be empty");
    assertThatThrownBy(() -> BucketKey.of(null, "k")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> BucketKey.of("b", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void pairedSurrogatesAreKeptAndUnpairedOnesRefused() {
    String emoji = "\ud83d\ude00"; // one code point, two chars, four UTF-8 bytes
    assertThat(BucketKey.of("b" + emoji, emoji + "k").key()).isEqualTo(emoji + "k");
    assertThatThrownBy(() -> BucketKey.of("b", "k\ud83d"))
        .hasMessage("key is not valid Unicode (unpaired surrogate at 1)");
    assertThatThrownBy(() -> BucketKey.of("b", "\ude00k"))
        .hasMessage("key is not valid Unicode (unpaired surrogate at 0)");
    assertThatThrownBy(() -> BucketKey.of("\ud83dx", "k"))
        .hasMessage("bucket name is not valid Unicode (unpaired surrogate at 0)");
    // the position reported is the unpaired one, after a valid pair
    assertThatThrownBy(() -> BucketKey.of("b", emoji + "\ude00"))
        .hasMessageContaining("at 2");
  }

  @Test
  void aNodesKeyLimitIsInclusive() {
    BucketKey key = BucketKey.of("b", "k".repeat(100));
    key.checkKeySize(100);
    assertThatThrownBy(() -> key.checkKeySize(99))
        .hasMessage("key is 100 bytes; this cluster accepts at most 99");
  }

  @Test
  void printsAsBucketSlashKey() {
    assertThat(BucketKey.of("b", "k")).hasToString("b/k");
  }
}
