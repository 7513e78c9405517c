package io.cairn.node.adapter.http;

/** A request the API answers with an error status and a JSON reason. */
final class HttpError extends RuntimeException {

  final int status;

  HttpError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }
}
