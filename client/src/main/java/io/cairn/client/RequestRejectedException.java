package io.cairn.client;

/**
 * The node rejected the request as malformed or not allowed (a 4xx answer other than not-found),
 * for example a damaged context (400), a value above the size limit (413), or a local read on a
 * node that holds no copy (409). The message carries the node's reason.
 */
public final class RequestRejectedException extends CairnException {
  public RequestRejectedException(int status, String message) {
    super(status, message, null);
  }
}
