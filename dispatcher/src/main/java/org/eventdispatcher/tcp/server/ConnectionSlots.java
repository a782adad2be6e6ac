package org.eventdispatcher.tcp.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.eventdispatcher.dispatch.ReportThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maximum number of connections a server holds at once. A connection takes a slot when it
 * is accepted and gives it back when it is closed, whoever closes it; beyond the maximum, new
 * connections are closed at once.
 */
public class ConnectionSlots {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSlots.class);

    private final int max;
    private final Runnable onRefusal;
    private final AtomicInteger open = new AtomicInteger();
    /** Under a flood of refused connections, one line a second, with the count of the others. */
    private final ReportThrottle refusals = new ReportThrottle(Duration.ofSeconds(1), 1, "from connecting peers");

    public ConnectionSlots(int max) {
        this(max, () -> { });
    }

    /** @param onRefusal told of each connection refused (the rejected-connections meter) */
    public ConnectionSlots(int max, Runnable onRefusal) {
        if (max < 1) {
            throw new IllegalArgumentException("the maximum number of connections must be at least 1, not " + max);
        }
        this.max = max;
        this.onRefusal = onRefusal;
    }

    public int max() {
        return max;
    }

    /** Connections holding a slot now. */
    public int open() {
        return open.get();
    }

    boolean tryAcquire() {
        while (true) {
            int current = open.get();
            if (current >= max) {
                return false;
            }
            if (open.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        open.decrementAndGet();
    }

    /**
     * Counts and logs a connection accepted beyond the maximum; the caller closes it, after
     * this: whoever sees it closed then sees it counted too.
     */
    void refused(String peer) {
        onRefusal.run();
        if (refusals.firstReport("connection-refused")) {
            log.warn("connection from {} refused: {} connections open, the maximum", peer, max);
        }
    }
}
