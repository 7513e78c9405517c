package io.cairn.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher's conf/jvm.options and the build's chronicle.jvm.args must be the same flags. */
class JvmOptionsTest {

  @Test
  void theLauncherPassesExactlyTheFlagsTheBuildTestsWith() throws Exception {
    List<String> launcher = Files.readAllLines(Path.of("..", "conf", "jvm.options")).stream()
        .map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
    List<String> build = Arrays.stream(System.getProperty("cairn.chronicle.jvm.args", "").split(" "))
        .filter(s -> !s.isBlank())
        .toList();
    assertThat(build).contains("-Dchronicle.analytics.disable=true");
    assertThat(launcher).containsExactlyInAnyOrderElementsOf(build);
  }
}
