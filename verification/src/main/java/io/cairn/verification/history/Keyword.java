package io.cairn.verification.history;

/** An EDN keyword value such as {@code :partition}; written without quotes. */
public record Keyword(String name) {
  public static Keyword of(String name) {
    return new Keyword(name);
  }

  @Override
  public String toString() {
    return ":" + name;
  }
}
