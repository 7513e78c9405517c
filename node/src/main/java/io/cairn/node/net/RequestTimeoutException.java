package io.cairn.node.net;

/** No reply arrived within the request's timeout. For a write this means indeterminate, not failed. */
public final class RequestTimeoutException extends RuntimeException {

  public RequestTimeoutException(String message) {
    super(message);
  }
}
