package io.cairn.protocol.bench;

import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.wire.Envelope;
import io.cairn.protocol.wire.ReplicaPut;
import io.cairn.protocol.wire.WireCodec;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The internode wire codec on the message every put sends to each replica: a {@link ReplicaPut} of
 * a 1 KB value with a three-actor version vector, as a whole frame (length, correlation id, Kryo body).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WireCodecBenchmark {
  private final WireCodec codec = new WireCodec();
  private Envelope envelope;
  private byte[] frame;

  @Setup
  public void setup() {
    byte[] value = new byte[1024];
    new Random(1).nextBytes(value);
    StoredObject object = StoredObject.empty();
    for (int i = 1; i <= 3; i++) {
      Actor actor = Actor.of("n" + i, 1);
      object = object.write(actor, object.context(), Sibling.of(value, "application/octet-stream", 1_700_000_000_000L + i),
          ConflictMode.SIBLINGS);
    }
    envelope = new Envelope(42, new ReplicaPut(17, BucketKey.of("usertable", "user6284781860667377211"), object,
        ConflictMode.SIBLINGS, Optional.empty()));
    frame = codec.encodeFrame(envelope);
  }

  @Benchmark
  public byte[] encodeReplicaPut() {
    return codec.encodeFrame(envelope);
  }

  @Benchmark
  public Envelope decodeReplicaPut() {
    return codec.decodeFrame(frame, 4, frame.length - 4);
  }
}
