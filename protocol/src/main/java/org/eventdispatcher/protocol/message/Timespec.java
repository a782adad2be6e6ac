package org.eventdispatcher.protocol.message;

import java.time.Instant;

/**
 * A point in time as upstream writes it in a parameter ({@code snapdev::timespec_ex}):
 * {@code seconds[.fraction]} since the epoch, e.g. {@code 1733600000.25}. Read as upstream reads
 * it: spaces around, a sign and a trailing {@code s} are accepted, digits past the ninth of the
 * fraction are ignored. Written as upstream's {@code to_timestamp(true)} writes it: nanoseconds
 * without trailing zeros, and no point when there are none.
 */
public final class Timespec {

    private static final int NANO_DIGITS = 9;

    /** Seconds written with this many digits or fewer are always within {@link Instant}'s range. */
    private static final int DIGITS_ALWAYS_IN_RANGE =
            String.valueOf(Instant.MAX.getEpochSecond()).length() - 1;

    /** Up to this many seconds, one more digit cannot overflow: the exact test (a division) is left for the rare rest. */
    private static final long NO_OVERFLOW_BELOW = (Long.MAX_VALUE - 9) / 10;

    private Timespec() {}

    /**
     * @throws IllegalArgumentException saying what is wrong with the text (not naming it: the
     *                                  caller knows which parameter it was)
     */
    public static Instant parse(String text) {
        long[] secondsAndNanos = new long[2];
        String problem = read(text, secondsAndNanos);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return Instant.ofEpochSecond(secondsAndNanos[0], secondsAndNanos[1]);
    }

    /** Whether {@link #parse} takes {@code text}, making nothing: a contract checks every message's timespecs. */
    public static boolean isTimespec(String text) {
        // the usual value, digits[.digits] as it is sent, looked at without arithmetic (a chain of
        // multiplications costs more than the rest of the check); anything else is read in full
        int length = text.length();
        int at = 0;
        while (at < length && isDigit(text.charAt(at))) {
            at++;
        }
        if (at > 0 && at <= DIGITS_ALWAYS_IN_RANGE) {
            if (at < length && text.charAt(at) == '.') {
                at++;
                while (at < length && isDigit(text.charAt(at))) {
                    at++;
                }
            }
            if (at == length) {
                return true;
            }
        }
        return read(text, null) == null;
    }

    /**
     * Reads {@code text} into {@code secondsAndNanos} (when not null).
     *
     * @return what is wrong with it, or null
     */
    private static String read(String text, long[] secondsAndNanos) {
        int at = skipSpaces(text, 0);
        int sign = 1;
        if (at < text.length() && (text.charAt(at) == '-' || text.charAt(at) == '+')) {
            sign = text.charAt(at) == '-' ? -1 : 1;
            at++;
        }
        if (at >= text.length() || !isDigit(text.charAt(at))) {
            return "the seconds need at least one digit";
        }
        long seconds = 0;
        for (; at < text.length() && isDigit(text.charAt(at)); at++) {
            int digit = text.charAt(at) - '0';
            // checked before it happens: a wrapped product can land anywhere, 2^64 on 0
            if (seconds > NO_OVERFLOW_BELOW && seconds > (Long.MAX_VALUE - digit) / 10) {
                return "too many seconds";
            }
            seconds = seconds * 10 + digit;
        }
        long nanos = 0;
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            int digits = 0;
            for (; at < text.length() && isDigit(text.charAt(at)); at++, digits++) {
                if (digits < NANO_DIGITS) {
                    nanos = nanos * 10 + (text.charAt(at) - '0');
                }
            }
            for (; digits < NANO_DIGITS; digits++) {
                nanos *= 10;
            }
        }
        if (at < text.length() && text.charAt(at) == 's') {
            at++;
        }
        at = skipSpaces(text, at);
        if (at != text.length()) {
            return "unexpected characters after the number";
        }
        // as upstream: the sign is the seconds' only, the fraction always counts forward
        long signed = sign * seconds;
        if (signed < Instant.MIN.getEpochSecond() || signed > Instant.MAX.getEpochSecond()) {
            return "too far from the epoch";
        }
        if (secondsAndNanos != null) {
            secondsAndNanos[0] = signed;
            secondsAndNanos[1] = nanos;
        }
        return null;
    }

    /** {@code seconds[.fraction]}, the fraction without its trailing zeros. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        if (nanos == 0) {
            return Long.toString(seconds);
        }
        String fraction = String.format("%09d", nanos);
        int end = fraction.length();
        while (fraction.charAt(end - 1) == '0') {
            end--;
        }
        return seconds + "." + fraction.substring(0, end);
    }

    private static int skipSpaces(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
