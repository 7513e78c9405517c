package io.cairn.verification.mutants;

/** A mutant that cannot be planted: its file is gone, or its original text is not there exactly once. */
public final class MutantEditException extends IllegalStateException {

  public MutantEditException(String message) {
    super(message);
  }
}
