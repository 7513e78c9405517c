package io.cairn.client;

/**
 * The write may or may not have taken effect: it reached fewer replicas than asked before the
 * deadline, or the answer was lost. It may still propagate later; never treat it as "not written".
 */
public final class IndeterminateException extends CairnException {
  public IndeterminateException(int status, String message, Throwable cause) {
    super(status, message, cause);
  }
}
