package org.eventdispatcher.bench.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of one run: a sentence for people and a {@code RESULT key=value ...} line for
 * scripts (keys never change meaning; new keys may be added at the end).
 */
final class LoadReport {

    private final String summary;
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final ErrorTally errors;
    private final long successes;

    LoadReport(String summary, ErrorTally errors, long successes) {
        this.summary = summary;
        this.errors = errors;
        this.successes = successes;
    }

    LoadReport with(String key, Object value) {
        figures.put(key, value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value));
        return this;
    }

    String summary() {
        String tally = errors.describe();
        return tally.isEmpty() ? summary : summary + "\n  errors: " + tally;
    }

    String resultLine() {
        return figures.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ", "RESULT ", " errors=" + errors.total()));
    }

    String figure(String key) {
        return figures.get(key);
    }

    ErrorTally errors() {
        return errors;
    }

    /** False when nothing at all succeeded, e.g. no server was listening. */
    boolean anySuccess() {
        return successes > 0;
    }
}
