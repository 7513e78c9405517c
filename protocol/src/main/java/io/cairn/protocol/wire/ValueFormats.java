package io.cairn.protocol.wire;

import static io.cairn.protocol.wire.WireIo.readBytes;
import static io.cairn.protocol.wire.WireIo.readCount;
import static io.cairn.protocol.wire.WireIo.readEnum;
import static io.cairn.protocol.wire.WireIo.readNonNegativeInt;
import static io.cairn.protocol.wire.WireIo.readNonNegativeLong;
import static io.cairn.protocol.wire.WireIo.readString;
import static io.cairn.protocol.wire.WireIo.writeEnum;
import static io.cairn.protocol.wire.WireIo.writeString;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.cairn.protocol.causality.Actor;
import io.cairn.protocol.causality.Dot;
import io.cairn.protocol.causality.Dotted;
import io.cairn.protocol.causality.DvvSet;
import io.cairn.protocol.causality.VersionVector;
import io.cairn.protocol.object.BucketKey;
import io.cairn.protocol.object.BucketProps;
import io.cairn.protocol.object.ConflictMode;
import io.cairn.protocol.object.Sibling;
import io.cairn.protocol.object.StoredObject;
import io.cairn.protocol.ring.Member;
import io.cairn.protocol.ring.NodeId;
import io.cairn.protocol.ring.Ring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The binary layout of every protocol value, written field by field in a fixed order (never by
 * reflection, so a renamed or reordered Java field cannot change the bytes). Nested values are
 * written inline without a type id. Any change here changes stored and exchanged bytes: the
 * golden-bytes test fails until {@link WireCodec#VERSION} is bumped.
 */
final class ValueFormats {

  static final ConflictMode[] CONFLICT_MODES = {ConflictMode.SIBLINGS, ConflictMode.LWW};

  private static final int MAX_CONTENT_TYPE_BYTES = 255;
  private static final int MAX_ZONE_BYTES = 255;
  private static final int MAX_ACTORS = 1 << 16;
  private static final int MAX_SIBLINGS = 1 << 16;
  private static final int MAX_MEMBERS = 1 << 16;

  private ValueFormats() {}

  static void writeNodeId(Output out, NodeId id) {
    writeString(out, id.value());
  }

  static NodeId readNodeId(Input in) {
    return NodeId.of(readString(in, NodeId.MAX_LENGTH, "node id"));
  }

  static void writeActor(Output out, Actor actor) {
    writeNodeId(out, actor.node());
    out.writeVarLong(actor.epoch(), true);
  }

  static Actor readActor(Input in) {
    return new Actor(readNodeId(in), readNonNegativeLong(in, "epoch"));
  }

  static void writeVersionVector(Output out, VersionVector v) {
    out.writeVarInt(v.size(), true);
    for (int i = 0; i < v.size(); i++) {
      writeActor(out, v.actorAt(i));
      out.writeVarLong(v.counterAt(i), true);
    }
  }

  static VersionVector readVersionVector(Input in) {
    int count = readCount(in, MAX_ACTORS, "version vector");
    VersionVector.Builder b = VersionVector.builder(count);
    for (int i = 0; i < count; i++) {
      Actor actor = readActor(in);
      long counter = readNonNegativeLong(in, "counter");
      if (counter == 0) {
        throw new WireFormatException("version vector entry " + actor + " has counter 0");
      }
      b.add(actor, counter); // rejects out-of-order or duplicate actors
    }
    return b.build();
  }

  /** Flags byte (bit 0: tombstone), timestamp (zig-zag varint), content type, value bytes. */
  static void writeSibling(Output out, Sibling s) {
    out.writeByte(s.tombstone() ? 1 : 0);
    out.writeVarLong(s.timestamp(), false);
    writeString(out, s.contentType());
    out.writeVarInt(s.size(), true); // the layout of WireIo.writeBytes, which readBytes reads
    try {
      s.writeValueTo(out); // no intermediate copy of the value
    } catch (IOException e) {
      throw new UncheckedIOException(e); // Kryo's Output throws no IOException: never happens
    }
  }

  static Sibling readSibling(Input in) {
    int flags = in.readByte();
    if ((flags & ~1) != 0) {
      throw new WireFormatException("unknown sibling flags " + flags);
    }
    long timestamp = in.readVarLong(false);
    String contentType = readString(in, MAX_CONTENT_TYPE_BYTES, "content type");
    byte[] value = readBytes(in, WireCodec.MAX_FRAME_BYTES, "value");
    return Sibling.owning(value, contentType, timestamp, flags == 1); // the array was just read: no copy
  }

  /**
   * The clock, then each sibling as (index of its dot's actor in the clock, counter, sibling):
   * the actor is always in the clock, so it is not repeated per sibling.
   */
  static void writeStoredObject(Output out, StoredObject object) {
    DvvSet<Sibling> versions = object.versions();
    VersionVector clock = versions.context();
    writeVersionVector(out, clock);
    out.writeVarInt(versions.size(), true);
    int actorIndex = 0;
    for (Dotted<Sibling> d : versions.siblings()) {
      // siblings are in dot order, i.e. actor order, so the index only moves forward
      while (!clock.actorAt(actorIndex).equals(d.dot().actor())) {
        actorIndex++;
      }
      out.writeVarInt(actorIndex, true);
      out.writeVarLong(d.dot().counter(), true);
      writeSibling(out, d.value());
    }
  }

  static StoredObject readStoredObject(Input in) {
    VersionVector clock = readVersionVector(in);
    int count = readCount(in, MAX_SIBLINGS, "siblings");
    List<Dotted<Sibling>> siblings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int actorIndex = readNonNegativeInt(in, "actor index");
      if (actorIndex >= clock.size()) {
        throw new WireFormatException("sibling actor index " + actorIndex + " is not in the clock");
      }
      long counter = readNonNegativeLong(in, "dot counter");
      siblings.add(new Dotted<>(new Dot(clock.actorAt(actorIndex), counter), readSibling(in)));
    }
    return StoredObject.of(DvvSet.of(clock, siblings)); // rejects uncovered or duplicate dots
  }

  static void writeBucketKey(Output out, BucketKey key) {
    writeString(out, key.bucket());
    writeString(out, key.key());
  }

  static BucketKey readBucketKey(Input in) {
    String bucket = readString(in, BucketKey.MAX_BUCKET_BYTES, "bucket name");
    return new BucketKey(bucket, readString(in, BucketKey.MAX_KEY_BYTES, "key"));
  }

  static void writeBucketProps(Output out, BucketProps p) {
    out.writeVarInt(p.n(), true);
    out.writeVarInt(p.r(), true);
    out.writeVarInt(p.w(), true);
    writeEnum(out, p.conflictMode(), CONFLICT_MODES);
  }

  static BucketProps readBucketProps(Input in) {
    int n = readNonNegativeInt(in, "n");
    int r = readNonNegativeInt(in, "r");
    int w = readNonNegativeInt(in, "w");
    return new BucketProps(n, r, w, readEnum(in, CONFLICT_MODES, "conflict mode"));
  }

  static void writeMember(Output out, Member m) {
    writeNodeId(out, m.id());
    out.writeVarInt(m.weight(), true);
    writeOptionalString(out, m.zone());
  }

  static Member readMember(Input in) {
    NodeId id = readNodeId(in);
    int weight = readNonNegativeInt(in, "weight");
    return new Member(id, weight, readOptionalString(in, MAX_ZONE_BYTES, "zone"));
  }

  /** Epoch, Q, the members (sorted), then for each partition the index of its owner in members. */
  static void writeRing(Output out, Ring ring) {
    out.writeVarLong(ring.epoch(), true);
    out.writeVarInt(ring.partitionCount(), true);
    List<Member> members = ring.members();
    out.writeVarInt(members.size(), true);
    List<NodeId> ids = new ArrayList<>(members.size());
    for (Member m : members) {
      writeMember(out, m);
      ids.add(m.id());
    }
    for (NodeId owner : ring.owners()) {
      out.writeVarInt(Collections.binarySearch(ids, owner), true);
    }
  }

  static Ring readRing(Input in) {
    long epoch = readNonNegativeLong(in, "ring epoch");
    int q = readNonNegativeInt(in, "partition count");
    int memberCount = readCount(in, MAX_MEMBERS, "members");
    List<Member> members = new ArrayList<>(memberCount);
    for (int i = 0; i < memberCount; i++) {
      members.add(readMember(in));
    }
    WireIo.requireRemaining(in, q, "ring owners");
    List<NodeId> owners = new ArrayList<>(q);
    for (int p = 0; p < q; p++) {
      int index = readNonNegativeInt(in, "owner index");
      if (index >= memberCount) {
        throw new WireFormatException("owner index " + index + " of partition " + p + " is not a member");
      }
      owners.add(members.get(index).id());
    }
    return new Ring(epoch, q, members, owners); // validates the ring
  }

  static void writeOptionalNodeId(Output out, Optional<NodeId> id) {
    writeOptionalString(out, id.map(NodeId::value));
  }

  static Optional<NodeId> readOptionalNodeId(Input in) {
    return readOptionalString(in, NodeId.MAX_LENGTH, "node id").map(NodeId::of);
  }

  static void writeOptionalString(Output out, Optional<String> value) {
    out.writeBoolean(value.isPresent());
    value.ifPresent(v -> writeString(out, v));
  }

  static Optional<String> readOptionalString(Input in, int maxBytes, String what) {
    byte present = in.readByte();
    if (present != 0 && present != 1) {
      throw new WireFormatException("bad presence flag " + present + " for " + what);
    }
    return present == 1 ? Optional.of(readString(in, maxBytes, what)) : Optional.empty();
  }
}
