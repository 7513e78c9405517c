package io.cairn.protocol.wire;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** One registered type: its permanent id and its binary format. */
record WireType<T>(int id, Class<T> type, BiConsumer<Output, T> writer, Function<Input, T> reader) {}
