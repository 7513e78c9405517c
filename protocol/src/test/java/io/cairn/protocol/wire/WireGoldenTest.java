package io.cairn.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes: the encoding of a fixed sample of every registered type, for the current
 * {@link WireCodec#VERSION}, is pinned in {@code src/test/resources/wire/golden-v<VERSION>.txt}.
 * Changing any encoding (or any id) without bumping the version fails here, because nodes of
 * different versions must keep understanding each other during a rolling upgrade, and stored
 * objects must stay readable.
 *
 * <p>After a deliberate change: bump {@link WireCodec#VERSION}, then run {@code mvn -pl protocol
 * test -Dtest=WireGoldenTest -Dcairn.wire.writeGolden=true} once to write the new file, and commit
 * it. Golden files of earlier versions stay in the repository. A new type (a new id) is not a change
 * of any existing encoding: the same command appends its line to the current file.
 */
class WireGoldenTest {

  private static final Path GOLDEN =
      Path.of("src/test/resources/wire/golden-v" + WireCodec.VERSION + ".txt");

  private final WireCodec codec = new WireCodec();

  @Test
  void everyRegisteredTypeHasASample() {
    assertThat(WireSamples.all().keySet())
        .containsExactlyInAnyOrderElementsOf(WireCodec.registeredTypes().values());
  }

  @Test
  void encodingsMatchTheGoldenBytesOfThisVersion() throws IOException {
    Map<String, String> actual = new LinkedHashMap<>();
    WireCodec.registeredTypes()
        .forEach(
            (id, type) ->
                actual.put(
                    id + " " + type.getSimpleName(),
                    HexFormat.of().formatHex(codec.encode(WireSamples.all().get(type)))));

    if (!Files.exists(GOLDEN)) {
      if (Boolean.getBoolean("cairn.wire.writeGolden")) {
        List<String> lines = new ArrayList<>();
        lines.add("# Golden encodings for wire format version " + WireCodec.VERSION + ": <id> <type> <hex>");
        actual.forEach((k, v) -> lines.add(k + " " + v));
        Files.createDirectories(GOLDEN.getParent());
        Files.write(GOLDEN, lines, StandardCharsets.UTF_8);
        return;
      }
      fail(
          "no golden file for wire version %d (%s): if you bumped the version on purpose, run once"
              + " with -Dcairn.wire.writeGolden=true and commit the file",
          WireCodec.VERSION,
          GOLDEN);
    }
    Map<String, String> golden = new LinkedHashMap<>();
    for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] parts = line.split(" ");
        golden.put(parts[0] + " " + parts[1], parts[2]);
      }
    }
    List<String> added = new ArrayList<>();
    actual.forEach((k, v) -> {
      if (!golden.containsKey(k)) {
        added.add(k + " " + v);
      }
    });
    if (!added.isEmpty()) {
      if (!Boolean.getBoolean("cairn.wire.writeGolden")) {
        fail("new wire types without golden bytes: %s; run once with -Dcairn.wire.writeGolden=true"
            + " to append them to %s, and commit it", added, GOLDEN);
      }
      Files.write(GOLDEN, added, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      added.forEach(line -> golden.put(line.split(" ")[0] + " " + line.split(" ")[1], line.split(" ")[2]));
    }
    assertThat(actual)
        .as(
            "encodings differ from %s: a changed encoding needs a WireCodec.VERSION bump and a new"
                + " golden file (see this test's javadoc)",
            GOLDEN)
        .isEqualTo(golden);
  }

  @Test
  void goldenBytesStillDecodeToTheSamples() throws IOException {
    if (!Files.exists(GOLDEN)) {
      return; // reported by the test above
    }
    Map<Integer, Class<?>> types = WireCodec.registeredTypes();
    for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" ");
      Class<?> type = types.get(Integer.parseInt(parts[0]));
      assertThat(codec.decode(HexFormat.of().parseHex(parts[2])))
          .as("decoding golden %s", parts[1])
          .isEqualTo(WireSamples.all().get(type));
    }
  }
}
