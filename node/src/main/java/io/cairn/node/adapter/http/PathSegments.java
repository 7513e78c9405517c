package io.cairn.node.adapter.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bucket and key names from the raw request path, percent-decoded strictly. A lenient decoder turns
 * every invalid UTF-8 escape ({@code %FF}, {@code %FE}, the overlong {@code %C0%AF}, the surrogate
 * {@code %ED%A0%80}) into U+FFFD, so distinct names would alias one key; here they are refused.
 */
final class PathSegments {

  private PathSegments() {}

  /** Segment {@code index} of {@code rawPath} ("/v1/buckets/b/keys/k": bucket 3, key 5), decoded. */
  static String segment(String rawPath, int index, String what) {
    String[] parts = rawPath.split("/", -1);
    if (index >= parts.length) {
      throw HttpError.badRequest("no " + what + " in " + rawPath);
    }
    return decode(parts[index], what);
  }

  static String decode(String raw, String what) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw HttpError.badRequest(what + " has a malformed percent-escape at position " + i);
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw HttpError.badRequest(what + " is not valid UTF-8 once percent-decoded (names are UTF-8 text)");
    }
  }
}
