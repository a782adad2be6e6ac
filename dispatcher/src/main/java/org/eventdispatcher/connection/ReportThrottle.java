package org.eventdispatcher.connection;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets each kind of problem be logged a few times per interval, whoever causes it; past those,
 * it is counted, and the count is logged with the next report. For problems that a crowd of
 * peers can cause together: datagrams from a thousand forged addresses, a storm of connections
 * reset at once. A flood still makes a few lines an interval, plus the count of what was not
 * logged.
 */
public final class ReportThrottle {

    private static final Logger log = LoggerFactory.getLogger(ReportThrottle.class);

    private final long intervalNanos;
    private final int perInterval;
    private final String source;
    private final LongSupplier nanoTime;
    // keys are the problem names the code reports (a handful), never text from the wire
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * @param perInterval reports of one problem logged per interval
     * @param source      who causes the problems, for the count's line ("from UDP senders")
     */
    public ReportThrottle(Duration interval, int perInterval, String source) {
        this(interval, perInterval, source, System::nanoTime);
    }

    ReportThrottle(Duration interval, int perInterval, String source, LongSupplier nanoTime) {
        if (perInterval < 1) {
            throw new IllegalArgumentException("at least one report per interval, not " + perInterval);
        }
        this.intervalNanos = interval.toNanos();
        this.perInterval = perInterval;
        this.source = source;
        this.nanoTime = nanoTime;
    }

    /** True when this problem may be logged now; otherwise it is counted as not logged. */
    public boolean firstReport(String problem) {
        long now = nanoTime.getAsLong();
        Window window = windows.computeIfAbsent(problem, p -> new Window());
        long suppressed;
        synchronized (window) {
            if (window.reports > 0 && now - window.start < intervalNanos) {
                if (window.reports >= perInterval) {
                    window.suppressed++;
                    return false;
                }
                window.reports++;
                return true;
            }
            suppressed = window.suppressed;
            window.reports = 1;
            window.start = now;
            window.suppressed = 0;
        }
        if (suppressed > 0) {
            log.warn(
                    "{} more \"{}\" problem(s) {} were not logged in the last {}",
                    suppressed,
                    problem,
                    source,
                    Duration.ofNanos(intervalNanos));
        }
        return true;
    }

    private static final class Window {
        int reports;
        long start;
        long suppressed;
    }
}
