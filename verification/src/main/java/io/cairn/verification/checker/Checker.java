package io.cairn.verification.checker;

import io.cairn.verification.history.History;

/** Checks a whole history. Implementations are pure functions of the history: deterministic and reusable. */
@FunctionalInterface
public interface Checker {
    CheckResult check(History history);
}
