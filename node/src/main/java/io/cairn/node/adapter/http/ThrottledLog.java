package io.cairn.node.adapter.http;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * One kind of event that hostile or broken clients can cause at any rate: logged at most once per
 * interval, with how many happened since the last line, so that a flood does not also flood the
 * log. Any thread.
 */
final class ThrottledLog {

  private final Logger log;
  private final boolean warn;
  private final long everyNanos;
  private final LongSupplier nanos;
  private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong since = new AtomicLong();

  /** @param warn WARN when true, INFO otherwise */
  ThrottledLog(Logger log, boolean warn, long everyNanos, LongSupplier nanos) {
    this.log = log;
    this.warn = warn;
    this.everyNanos = everyNanos;
    this.nanos = nanos;
  }

  /** Counts one event; logs {@code message} (an SLF4J pattern) if the interval has passed. */
  void event(String message, Object... args) {
    since.incrementAndGet();
    long now = nanos.getAsLong();
    long before = last.get();
    if ((before == Long.MIN_VALUE || now - before >= everyNanos) && last.compareAndSet(before, now)) {
      String line = message + " ({} such events since the last line)";
      Object[] all = new Object[args.length + 1];
      System.arraycopy(args, 0, all, 0, args.length);
      all[args.length] = since.getAndSet(0);
      if (warn) {
        log.warn(line, all);
      } else {
        log.info(line, all);
      }
    }
  }
}
