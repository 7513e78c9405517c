package io.cairn.protocol.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BucketPropsTest {

  @Property(tries = 1000)
  void validExactlyWhenQuorumsFitWithinNAndNWithinTheCluster(
      @ForAll @IntRange(min = -1, max = 7) int n,
      @ForAll @IntRange(min = -1, max = 7) int r,
      @ForAll @IntRange(min = -1, max = 7) int w,
      @ForAll @IntRange(min = 1, max = 6) int nodes) {
    BucketProps props = new BucketProps(n, r, w, ConflictMode.SIBLINGS);
    boolean valid = 1 <= r && r <= n && 1 <= w && w <= n && n <= nodes;
    if (valid) {
      assertThat(props.validate(nodes)).isSameAs(props);
    } else {
      assertThatThrownBy(() -> props.validate(nodes))
          .isInstanceOf(InvalidBucketPropsException.class)
          .satisfies(e -> assertThat(((InvalidBucketPropsException) e).problems()).isNotEmpty());
    }
  }

  @Example
  void messagesNameEveryProblem() {
    assertThatThrownBy(() -> new BucketProps(5, 6, 0, ConflictMode.SIBLINGS).validate(3))
        .hasMessageContaining("n=5 is more than the 3 node(s)")
        .hasMessageContaining("r=6 is more than n=5")
        .hasMessageContaining("w=0 must be at least 1");
  }

  @Example
  void defaultsAreDynamosClassicQuorum() {
    assertThat(BucketProps.DEFAULT).isEqualTo(new BucketProps(3, 2, 2, ConflictMode.SIBLINGS));
    assertThat(BucketProps.DEFAULT.validate(3)).isNotNull();
  }

  @Example
  void conflictModesHaveWireNames() {
    assertThat(ConflictMode.fromWireName("lww")).isEqualTo(ConflictMode.LWW);
    assertThat(ConflictMode.SIBLINGS.wireName()).isEqualTo("siblings");
    assertThatThrownBy(() -> ConflictMode.fromWireName("LWW")).hasMessageContaining("use 'siblings' or 'lww'");
  }

  @Example
  void nMustBeAtLeastOneAndOneIsEnough() {
    assertThatThrownBy(() -> new BucketProps(0, 1, 1, ConflictMode.SIBLINGS).validate(3))
        .isInstanceOf(InvalidBucketPropsException.class).hasMessageContaining("n=0 must be at least 1");
    assertThat(new BucketProps(1, 1, 1, ConflictMode.SIBLINGS).validate(1)).isNotNull();
  }

  @Example
  void eachWitherChangesOnlyItsOwnField() {
    BucketProps p = BucketProps.DEFAULT;
    assertThat(p.withN(5)).isEqualTo(new BucketProps(5, 2, 2, ConflictMode.SIBLINGS));
    assertThat(p.withR(1)).isEqualTo(new BucketProps(3, 1, 2, ConflictMode.SIBLINGS));
    assertThat(p.withW(3)).isEqualTo(new BucketProps(3, 2, 3, ConflictMode.SIBLINGS));
    assertThat(p.withConflictMode(ConflictMode.LWW)).isEqualTo(new BucketProps(3, 2, 2, ConflictMode.LWW));
  }
}
