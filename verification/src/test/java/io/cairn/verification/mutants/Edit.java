package io.cairn.verification.mutants;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One textual change of a mutant: in {@code file} (relative to the project root), the exact
 * {@code original} text becomes {@code replacement}. The original must occur exactly once, so a
 * refactor that moves or duplicates the code fails the run instead of silently testing nothing.
 */
public record Edit(
    @JsonProperty(value = "file", required = true) String file,
    @JsonProperty(value = "original", required = true) String original,
    @JsonProperty(value = "replacement", required = true) String replacement) {

  public Edit {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(replacement, "replacement");
    if (original.isEmpty()) {
      throw new IllegalArgumentException("empty original text for " + file);
    }
    if (original.equals(replacement)) {
      throw new IllegalArgumentException("an edit of " + file + " that changes nothing");
    }
  }

  /** How often the original text occurs in {@code text} (non-overlapping). */
  static int occurrences(String text, String snippet) {
    int count = 0;
    for (int at = text.indexOf(snippet); at >= 0; at = text.indexOf(snippet, at + snippet.length())) {
      count++;
    }
    return count;
  }

  /** The file's text with the edit made; fails unless the original occurs exactly once. */
  String applyTo(String text) {
    int found = occurrences(text, original);
    if (found != 1) {
      throw new MutantEditException(file + ": the original text occurs " + found
          + " times, not exactly once (moved or changed by a refactor? update the catalogue):\n" + original);
    }
    return text.replace(original, replacement);
  }

  /** Makes the edit in the copy of the project at {@code root}. */
  void applyIn(Path root) throws IOException {
    Path path = root.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new MutantEditException(file + ": no such file (moved by a refactor? update the catalogue)");
    }
    String text = Files.readString(path, StandardCharsets.UTF_8);
    Files.writeString(path, applyTo(text), StandardCharsets.UTF_8);
  }
}
