package org.eventdispatcher.link;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pauses between connection attempts (PROTOCOL.md e): a comma-separated list of durations,
 * seconds unless a unit follows ({@code 0.5,1,2,5} or {@code 500ms,1s,2s,5s}); the last pause
 * repeats for as long as the server stays away. A negative first entry {@code -N} delays the very
 * first attempt by N and is skipped afterwards, unless it is the only entry.
 *
 * <p>Immutable. Spring converts a property string with {@link #valueOf(String)}.
 */
public final class PauseList {

    /** Upstream's limit. */
    public static final int MAX_ENTRIES = 254;

    /**
     * Within 1 s for the first ten seconds or so of an outage, so that a restarted server is
     * found again at once; then easing off to one attempt every 5 s.
     */
    public static final String DEFAULT = "0.1,0.25,0.5,0.75,1,1,1,1,1,1,1,1,1,1,1,2,3,5";

    private static final Pattern ENTRY = Pattern.compile("(-?)([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)\\s*([a-z]*)");

    private final Duration firstAttemptDelay;
    private final List<Duration> pauses;
    private final String text;

    private PauseList(Duration firstAttemptDelay, List<Duration> pauses, String text) {
        this.firstAttemptDelay = firstAttemptDelay;
        this.pauses = List.copyOf(pauses);
        this.text = text;
    }

    public static PauseList defaults() {
        return valueOf(DEFAULT);
    }

    /**
     * Reads a pause list; blank means {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException naming the entry that cannot be read and why
     */
    public static PauseList valueOf(String text) {
        if (text == null || text.isBlank()) {
            return valueOf(DEFAULT);
        }
        String[] entries = text.split(",", -1);
        if (entries.length > MAX_ENTRIES) {
            throw new IllegalArgumentException("pause list \"" + text + "\" has " + entries.length
                    + " entries; at most " + MAX_ENTRIES + " are allowed");
        }
        Duration firstAttemptDelay = Duration.ZERO;
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            Matcher matcher = ENTRY.matcher(entry.toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new IllegalArgumentException("pause list \"" + text + "\": entry " + (i + 1) + " \"" + entry
                        + "\" is not a duration (a number of seconds, or a number followed by ms, s, m, h or d)");
            }
            Duration pause = duration(new BigDecimal(matcher.group(2)), matcher.group(3), text, entry);
            if (matcher.group(1).isEmpty()) {
                pauses.add(pause);
            } else if (i == 0) {
                firstAttemptDelay = pause;
            } else {
                throw new IllegalArgumentException("pause list \"" + text + "\": only the first entry may be negative"
                        + " (it delays the first attempt), not entry " + (i + 1) + " \"" + entry + "\"");
            }
        }
        if (pauses.isEmpty()) {
            pauses.add(firstAttemptDelay); // "-N" alone: wait N before the first attempt and between all others
        }
        if (pauses.get(pauses.size() - 1).isZero()) {
            throw new IllegalArgumentException("pause list \"" + text + "\": the last pause repeats for as long as"
                    + " the server is away, so it must be longer than zero");
        }
        return new PauseList(firstAttemptDelay, pauses, text.strip());
    }

    private static Duration duration(BigDecimal amount, String unit, String text, String entry) {
        BigDecimal nanosPerUnit =
                switch (unit) {
                    case "ms" -> BigDecimal.valueOf(1_000_000L);
                    case "", "s" -> BigDecimal.valueOf(1_000_000_000L);
                    case "m" -> BigDecimal.valueOf(60_000_000_000L);
                    case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
                    case "d" -> BigDecimal.valueOf(86_400_000_000_000L);
                    default ->
                        throw new IllegalArgumentException("pause list \"" + text + "\": entry \"" + entry
                                + "\" has the unknown unit \"" + unit + "\" (use ms, s, m, h or d)");
                };
        BigDecimal nanos = amount.multiply(nanosPerUnit);
        if (nanos.compareTo(BigDecimal.valueOf(Duration.ofDays(365).toNanos())) > 0) {
            throw new IllegalArgumentException(
                    "pause list \"" + text + "\": entry \"" + entry + "\" is longer than a year");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** How long to wait before the very first attempt: zero unless the list starts with {@code -N}. */
    public Duration firstAttemptDelay() {
        return firstAttemptDelay;
    }

    /** The pauses in order, without a leading negative entry; the last one repeats. */
    public List<Duration> pauses() {
        return pauses;
    }

    /** The pause after {@code failures} failed attempts in a row (0-based); the last repeats. */
    public Duration pause(int failures) {
        return pauses.get(Math.min(Math.max(failures, 0), pauses.size() - 1));
    }

    /** The longest pause between two attempts. */
    public Duration longest() {
        return pauses.stream().max(Duration::compareTo).orElseThrow();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PauseList list
                && list.firstAttemptDelay.equals(firstAttemptDelay)
                && list.pauses.equals(pauses);
    }

    @Override
    public int hashCode() {
        return 31 * firstAttemptDelay.hashCode() + pauses.hashCode();
    }

    /** The list as it was written. */
    @Override
    public String toString() {
        return text;
    }

    /** The list in seconds, e.g. {@code 0.1s,0.25s,...}: how the log shows what is in effect. */
    public String describe() {
        String list = pauses.stream().map(Durations::seconds).collect(Collectors.joining(","));
        return firstAttemptDelay.isZero()
                ? list
                : "first attempt after " + Durations.seconds(firstAttemptDelay) + ", then " + list;
    }
}
