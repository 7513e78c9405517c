package io.cairn.storage.hint;

import java.util.Arrays;

/** What is filed at a {@link HintAddress}. The array is owned by the store: never handed out. */
record StoredHint(long createdAtMillis, byte[] object) {

  boolean sameAs(long otherCreatedAtMillis, byte[] otherObject) {
    return createdAtMillis == otherCreatedAtMillis && Arrays.equals(object, otherObject);
  }

  Hint toHint(HintAddress address) {
    return new Hint(address.target(), address.partition(), address.key(), object, createdAtMillis);
  }

  long footprintBytes(HintAddress address) {
    return Hint.footprintBytes(address.target(), address.key(), object.length);
  }
}
