package org.eventdispatcher.signal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.TypeConversionException;

/** Timeouts as people type them: {@code 5} or {@code 5s} (seconds), {@code 1.5s}, {@code 500ms}, {@code 1m}. */
final class Durations {

    /** The longest wait taken: 100 years of 365.25 days, well within a long of nanoseconds. */
    private static final BigDecimal LONGEST_MILLIS = BigDecimal.valueOf(36_525L * 24 * 3_600_000);

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    static Duration parse(String text) {
        Matcher form = FORM.matcher(text.strip());
        if (!form.matches()) {
            throw new TypeConversionException("\"" + text + "\" is not a duration (write 5, 5s, 1.5s, 500ms or 1m)");
        }
        BigDecimal amount = new BigDecimal(form.group(1));
        String unit = form.group(2) == null ? "s" : form.group(2);
        BigDecimal millis =
                switch (unit) {
                    case "ms" -> amount;
                    case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
                    default -> amount.multiply(BigDecimal.valueOf(1_000));
                };
        if (millis.signum() <= 0) {
            throw new TypeConversionException("the duration \"" + text + "\" must be longer than 0");
        }
        if (millis.compareTo(LONGEST_MILLIS) > 0) {
            // past it the nanoseconds wrap (to a negative timeout: no wait at all) or a deadline
            // of System.nanoTime() plus them does
            throw new TypeConversionException("the duration \"" + text + "\" is longer than 100 years");
        }
        return Duration.ofNanos(millis.movePointRight(6).longValue());
    }

    /** {@code 5 s}, {@code 1.5 s}, {@code 500 ms}: for error messages. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
    }
}
