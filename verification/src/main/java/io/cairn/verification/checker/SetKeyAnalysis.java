package io.cairn.verification.checker;

import io.cairn.verification.history.OpPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The set-full analysis of one key. Reads are ranked by invocation order; for each element we
 * keep the ranks of the reads that saw it, so the work is linear in the total size of the reads
 * rather than reads × elements.
 */
final class SetKeyAnalysis {

  static final class Element {
    final long value;
    boolean acknowledged;
    long knownIndex = Long.MAX_VALUE;
    long knownTime;
    final IntList presence = new IntList();

    Element(long value) {
      this.value = value;
    }

    boolean known() {
      return knownIndex != Long.MAX_VALUE;
    }

    void knownAt(long index, long time) {
      if (index < knownIndex) {
        knownIndex = index;
        knownTime = time;
      }
    }
  }

  /** Every element an add was invoked for, by value. */
  final Map<Long, Element> elements = new HashMap<>();
  final TreeSet<Long> unexpected = new TreeSet<>();
  final long[] readInvokeIndex;
  final long[] readInvokeTime;
  final List<Integer> finalRanks = new ArrayList<>();
  final List<String> finalNodes = new ArrayList<>();

  SetKeyAnalysis(List<OpPair> pairs) {
    for (OpPair pair : pairs) {
      if (pair.f().equals("add")) {
        Element e = elements.computeIfAbsent(Values.asLong(pair.invocation().value()), Element::new);
        if (pair.isOk()) {
          e.acknowledged = true;
          e.knownAt(pair.completion().index(), pair.completion().time());
        }
      }
    }
    List<OpPair> reads = pairs.stream().filter(p -> p.f().equals("read") && p.isOk()).toList();
    readInvokeIndex = new long[reads.size()];
    readInvokeTime = new long[reads.size()];
    for (int rank = 0; rank < reads.size(); rank++) {
      OpPair read = reads.get(rank);
      readInvokeIndex[rank] = read.invocation().index();
      readInvokeTime[rank] = read.invocation().time();
      for (long v : Values.asLongs(read.completion().value())) {
        Element e = elements.get(v);
        if (e == null) {
          unexpected.add(v);
        } else {
          if (e.presence.last() != rank) {
            e.presence.add(rank);
          }
          e.knownAt(read.completion().index(), read.completion().time());
        }
      }
      if (Values.isFinal(read)) {
        finalRanks.add(rank);
        finalNodes.add(Values.node(read));
      }
    }
  }

  SetFullResult.KeyResult result() {
    int lastRead = readInvokeIndex.length - 1;
    List<Long> lost = new ArrayList<>();
    List<Long> neverRead = new ArrayList<>();
    List<Long> stale = new ArrayList<>();
    List<Long> stableLatencies = new ArrayList<>();
    List<Long> lostLatencies = new ArrayList<>();
    List<Long> staleLatencies = new ArrayList<>();
    Map<String, Long> finalMisses = new TreeMap<>();
    int stable = 0;
    int acknowledged = 0;
    for (Element e : sortedElements()) {
      if (e.acknowledged) {
        acknowledged++;
      }
      int lastPresent = e.presence.last();
      // Jepsen: lost when the last read (by invocation) began after the element was known and missed it.
      boolean isLost = e.known() && lastRead >= 0 && lastPresent < lastRead
          && e.knownIndex < readInvokeIndex[lastRead];
      for (int i = 0; i < finalRanks.size(); i++) {
        int rank = finalRanks.get(i);
        if (readInvokeIndex[rank] > e.knownIndex && !e.presence.containsSorted(rank)) {
          isLost = true;
          finalMisses.merge(finalNodes.get(i), 1L, Long::sum);
        }
      }
      if (isLost) {
        lost.add(e.value);
        long since = lastPresent >= 0 ? readInvokeTime[lastPresent] + 1 : 0;
        lostLatencies.add(Latencies.nanosToMillis(Math.max(0, since - e.knownTime)));
      } else if (lastPresent >= 0 && lastPresent == lastRead) {
        stable++;
        int lastAbsent = lastAbsentBefore(e, lastPresent);
        long since = lastAbsent >= 0 ? readInvokeTime[lastAbsent] + 1 : 0;
        long latency = Latencies.nanosToMillis(Math.max(0, since - e.knownTime));
        stableLatencies.add(latency);
        if (lastAbsent >= 0 && readInvokeIndex[lastAbsent] > e.knownIndex) {
          stale.add(e.value);
          staleLatencies.add(latency);
        }
      } else {
        neverRead.add(e.value);
      }
    }
    return new SetFullResult.KeyResult(elements.size(), acknowledged, stable, lost, neverRead, stale,
        List.copyOf(unexpected), stableLatencies, lostLatencies, staleLatencies, finalMisses);
  }

  /** The latest read before {@code lastPresent} that missed the element, or -1; walks only its trailing run of presences. */
  private static int lastAbsentBefore(Element e, int lastPresent) {
    int rank = lastPresent;
    int p = e.presence.size() - 1;
    while (p >= 0 && e.presence.get(p) == rank) {
      p--;
      rank--;
    }
    return rank;
  }

  List<Element> sortedElements() {
    List<Element> sorted = new ArrayList<>(elements.values());
    sorted.sort((a, b) -> Long.compare(a.value, b.value));
    return sorted;
  }

  /** The ranks that count as "the final read(s)": those marked final, else the last read, else none. */
  List<Integer> survivalRanks() {
    if (!finalRanks.isEmpty()) {
      return finalRanks;
    }
    return readInvokeIndex.length == 0 ? List.of() : List.of(readInvokeIndex.length - 1);
  }
}
