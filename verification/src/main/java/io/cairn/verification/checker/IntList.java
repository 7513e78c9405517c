package io.cairn.verification.checker;

import java.util.Arrays;

/** A growable sorted-by-construction list of ints: read ranks where an element was seen, without boxing. */
final class IntList {
  private int[] data = new int[4];
  private int size;

  void add(int value) {
    if (size == data.length) {
      data = Arrays.copyOf(data, size * 2);
    }
    data[size++] = value;
  }

  int size() {
    return size;
  }

  int get(int i) {
    return data[i];
  }

  int last() {
    return size == 0 ? -1 : data[size - 1];
  }

  /** Whether {@code value} is present; the list must be ascending. */
  boolean containsSorted(int value) {
    return Arrays.binarySearch(data, 0, size, value) >= 0;
  }
}
