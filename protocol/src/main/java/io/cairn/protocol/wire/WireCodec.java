package io.cairn.protocol.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes every registered protocol value and message with Kryo, using the explicit
 * formats and permanent ids of {@link WireTypes}.
 *
 * <p>Kryo instances are not thread-safe and costly to build, so each thread that uses a codec gets
 * its own Kryo and output buffer (an event loop is one thread, so it reuses both for every message).
 * Create one codec per process and share it; it holds no other state.
 *
 * <p>Frame layout (what the transport puts on a connection):
 *
 * <pre>
 *   int32  length of the rest of the frame (big-endian)
 *   int64  correlation id
 *   ...    Kryo: varint (type id + 2), then the type's format
 * </pre>
 */
public final class WireCodec {

  /** Version of all formats together; bumped whenever any encoding changes. Nodes exchange it. */
  public static final int VERSION = 1;

  /** Largest frame accepted or produced (bytes after the length prefix). */
  public static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

  private static final int FRAME_HEADER_BYTES = 4 + 8;

  private final ThreadLocal<Kryo> kryos = ThreadLocal.withInitial(WireCodec::newKryo);
  private final ThreadLocal<Output> outputs =
      ThreadLocal.withInitial(() -> new Output(4096, MAX_FRAME_BYTES + FRAME_HEADER_BYTES));

  /** The registered types and their ids, in registration order. */
  public static Map<Integer, Class<?>> registeredTypes() {
    Map<Integer, Class<?>> out = new LinkedHashMap<>();
    for (WireType<?> t : WireTypes.ALL) {
      out.put(t.id(), t.type());
    }
    return Collections.unmodifiableMap(out);
  }

  /** Encodes a registered value or message, prefixed by its type id. */
  public byte[] encode(Object value) {
    Output out = outputs.get();
    out.reset();
    write(out, value);
    return out.toBytes();
  }

  /** Decodes bytes produced by {@link #encode}; the whole input must be exactly one value. */
  public Object decode(byte[] bytes) {
    return read(bytes, 0, bytes.length);
  }

  /** Decodes and checks the type. */
  public <T> T decode(byte[] bytes, Class<T> type) {
    Object value = decode(bytes);
    if (!type.isInstance(value)) {
      throw new WireFormatException(
          "expected " + type.getSimpleName() + " but the bytes hold " + value.getClass().getSimpleName());
    }
    return type.cast(value);
  }

  /** A complete frame, length prefix included, ready to write to a connection. */
  public byte[] encodeFrame(Envelope envelope) {
    Output out = outputs.get();
    out.reset();
    out.writeInt(0); // length, patched below
    long id = envelope.correlationId();
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.writeByte((byte) (id >>> shift)); // big-endian, like the length
    }
    write(out, envelope.message());
    int length = out.position() - 4;
    if (length > MAX_FRAME_BYTES) {
      throw new WireFormatException("frame of " + length + " bytes exceeds " + MAX_FRAME_BYTES);
    }
    byte[] frame = out.toBytes();
    frame[0] = (byte) (length >>> 24);
    frame[1] = (byte) (length >>> 16);
    frame[2] = (byte) (length >>> 8);
    frame[3] = (byte) length;
    return frame;
  }

  /** Decodes a frame's content: the bytes after the length prefix. */
  public Envelope decodeFrame(byte[] body, int offset, int length) {
    if (length < 8 + 1) {
      throw new WireFormatException("frame of " + length + " bytes is too short");
    }
    long correlationId = 0;
    for (int i = 0; i < 8; i++) {
      correlationId = (correlationId << 8) | (body[offset + i] & 0xFF);
    }
    Object message = read(body, offset + 8, length - 8);
    if (!(message instanceof WireMessage m)) {
      throw new WireFormatException(
          "a frame must hold a message, not a " + message.getClass().getSimpleName());
    }
    return new Envelope(correlationId, m);
  }

  private void write(Output out, Object value) {
    try {
      kryos.get().writeClassAndObject(out, value);
    } catch (KryoException | IllegalArgumentException e) {
      throw new WireFormatException("cannot encode " + value.getClass().getName() + ": " + e.getMessage(), e);
    }
  }

  private Object read(byte[] bytes, int offset, int length) {
    Input in = new Input(bytes, offset, length);
    Object value;
    try {
      value = kryos.get().readClassAndObject(in);
    } catch (WireFormatException e) {
      throw e;
    } catch (KryoException | IllegalArgumentException | IllegalStateException e) {
      // unknown type id, buffer underflow, or a value a constructor refuses
      throw new WireFormatException("invalid encoding: " + e.getMessage(), e);
    }
    if (value == null) {
      throw new WireFormatException("invalid encoding: null");
    }
    if (in.position() != offset + length) {
      throw new WireFormatException(
          "trailing bytes after a " + value.getClass().getSimpleName() + ": "
              + (offset + length - in.position()));
    }
    return value;
  }

  private static Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    List<Integer> seen = new ArrayList<>();
    for (WireType<?> t : WireTypes.ALL) {
      if (seen.contains(t.id())) {
        throw new IllegalStateException("duplicate wire id " + t.id());
      }
      seen.add(t.id());
      register(kryo, t);
    }
    return kryo;
  }

  private static <T> void register(Kryo kryo, WireType<T> t) {
    kryo.register(t.type(), new FormatSerializer<>(t), t.id());
  }

  /** Adapts a {@link WireType}'s format to Kryo. */
  private static final class FormatSerializer<T> extends Serializer<T> {
    private final WireType<T> type;

    FormatSerializer(WireType<T> type) {
      super(false, true); // never null inside; immutable values need no copy
      this.type = type;
    }

    @Override
    public void write(Kryo kryo, Output output, T object) {
      type.writer().accept(output, object);
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> cls) {
      return type.reader().apply(input);
    }
  }
}
