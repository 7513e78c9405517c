package io.cairn.node.coordinator;

import io.cairn.protocol.object.BucketProps;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Per-bucket properties: the node's defaults unless a bucket was given its own. Validated against
 * the cluster size on every change.
 */
public final class BucketRegistry {

  private final BucketProps defaults;
  private final IntSupplier clusterSize;
  private final Map<String, BucketProps> custom = new ConcurrentHashMap<>();

  public BucketRegistry(BucketProps defaults, IntSupplier clusterSize) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.clusterSize = clusterSize;
  }

  public BucketProps props(String bucket) {
    return custom.getOrDefault(bucket, defaults);
  }

  /** Sets a bucket's properties; throws {@code InvalidBucketPropsException} naming every problem. */
  public BucketProps set(String bucket, BucketProps props) {
    props.validate(clusterSize.getAsInt());
    custom.put(bucket, props);
    return props;
  }
}
