package org.eventdispatcher.signal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.TypeConversionException;

/** Timeouts as people type them: {@code 5} or {@code 5s} (seconds), {@code 1.5s}, {@code 500ms}, {@code 1m}. */
final class Durations {

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
