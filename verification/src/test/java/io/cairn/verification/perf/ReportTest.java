package io.cairn.verification.perf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void theGeneratedSectionReplacesOnlyWhatLiesBetweenTheMarkers() {
    String doc = "# Title\nintro\n" + Report.BEGIN + "\nold table\n" + Report.END + "\nafter\n";
    String out = Report.splice(doc, "new table\n");
    assertThat(out).isEqualTo("# Title\nintro\n" + Report.BEGIN + "\nnew table\n" + Report.END + "\nafter\n");
    assertThat(Report.splice(out, "newer\n")).contains("newer").doesNotContain("new table");
  }

  @Test
  void aDocWithoutMarkersGetsThemAppended() {
    String out = Report.splice("# Title\n", "table\n");
    assertThat(out).startsWith("# Title\n").contains(Report.BEGIN + "\ntable\n" + Report.END);
  }
}
