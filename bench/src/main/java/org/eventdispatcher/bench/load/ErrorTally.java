package org.eventdispatcher.bench.load;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** Counts failures by kind and keeps the first message of each kind to explain it. */
final class ErrorTally {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, String> firstMessages = new ConcurrentHashMap<>();

    void record(Exception failure) {
        String kind = kindOf(failure);
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
        firstMessages.putIfAbsent(kind, String.valueOf(failure.getMessage()));
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** e.g. {@code timeout=2 unexpected_reply=1 (unexpected_reply: expected CLIMB, got "X")}; empty when none. */
    String describe() {
        if (counts.isEmpty()) {
            return "";
        }
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((kind, count) -> sorted.put(kind, count.sum()));
        String tally = sorted.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        String firsts = new TreeMap<>(firstMessages)
                .entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        return tally + " (first of each: " + firsts + ")";
    }

    private static String kindOf(Exception failure) {
        if (failure instanceof UnexpectedReplyException) {
            return "unexpected_reply";
        }
        if (failure instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (failure instanceof ConnectException) {
            return "connect";
        }
        if (failure instanceof EOFException) {
            return "closed_by_server";
        }
        return "io";
    }
}
