package org.eventdispatcher.logrotate;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets each kind of problem be logged once per interval, whoever causes it. Datagrams have no
 * connection to remember a first report on, and their sender address is whatever the sender
 * writes, so the limit is per problem: a flood of garbage from a thousand forged addresses
 * still makes one line a minute, plus the count of what was not logged.
 */
public final class ReportThrottle {

    private static final Logger log = LoggerFactory.getLogger(ReportThrottle.class);

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    // keys are the problem names the code reports (a handful), never text from the wire
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public ReportThrottle(Duration interval) {
        this(interval, System::nanoTime);
    }

    ReportThrottle(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** True when this problem may be logged now; otherwise it is counted as not logged. */
    public boolean firstReport(String problem) {
        long now = nanoTime.getAsLong();
        Window window = windows.computeIfAbsent(problem, p -> new Window());
        long suppressed;
        synchronized (window) {
            if (window.opened && now - window.start < intervalNanos) {
                window.suppressed++;
                return false;
            }
            suppressed = window.suppressed;
            window.opened = true;
            window.start = now;
            window.suppressed = 0;
        }
        if (suppressed > 0) {
            log.warn("{} more \"{}\" problem(s) from UDP senders were not logged in the last {}", suppressed, problem,
                    Duration.ofNanos(intervalNanos));
        }
        return true;
    }

    private static final class Window {
        boolean opened;
        long start;
        long suppressed;
    }
}
