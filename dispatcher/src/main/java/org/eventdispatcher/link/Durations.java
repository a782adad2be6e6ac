package org.eventdispatcher.link;

import java.math.BigDecimal;
import java.time.Duration;

/** How the daemons write a duration in their logs and messages: in seconds, {@code 0.25s}, {@code 10s}. */
public final class Durations {

    private Durations() {}

    public static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
    }
}
