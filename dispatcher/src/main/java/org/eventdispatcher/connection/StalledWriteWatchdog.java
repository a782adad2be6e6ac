package org.eventdispatcher.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.scheduling.TaskScheduler;

/**
 * Drops peers that stopped reading: a socket write that has not completed by its deadline (the
 * send timeout) closes that connection, which also ends the blocked write. Java has no write
 * timeout on a blocking socket, and a non-blocking one waiting for the peer needs one too; this
 * is it.
 *
 * <p>It looks only while some write is in progress (armed by the write, disarmed when a check
 * finds none), so an idle daemon spends no CPU here. A stalled write is noticed between its
 * deadline and one check period later.
 */
public class StalledWriteWatchdog {

    private static final Duration SHORTEST_PERIOD = Duration.ofMillis(50);
    private static final Duration LONGEST_PERIOD = Duration.ofSeconds(1);

    private final TaskScheduler scheduler;
    private final Duration sendTimeout;
    private final Duration period;
    private final Set<WatchedWriter> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean armed = new AtomicBoolean();

    public StalledWriteWatchdog(TaskScheduler scheduler, Duration sendTimeout) {
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("the send timeout must be positive, not " + sendTimeout);
        }
        this.scheduler = scheduler;
        this.sendTimeout = sendTimeout;
        Duration quarter = sendTimeout.dividedBy(4);
        this.period = quarter.compareTo(SHORTEST_PERIOD) < 0 ? SHORTEST_PERIOD
                : quarter.compareTo(LONGEST_PERIOD) > 0 ? LONGEST_PERIOD : quarter;
    }

    public Duration sendTimeout() {
        return sendTimeout;
    }

    void watch(WatchedWriter connection) {
        connections.add(connection);
    }

    void forget(WatchedWriter connection) {
        connections.remove(connection);
    }

    /** Called by a connection after it set its write deadline, before it writes. */
    void writeStarted() {
        if (!armed.get() && armed.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void schedule() {
        scheduler.schedule(this::check, Instant.now().plus(period));
    }

    private void check() {
        if (closeStalled()) {
            schedule();
            return;
        }
        armed.set(false);
        // a write that began while we looked saw "armed" and did not arm: look once more
        if (closeStalled() && armed.compareAndSet(false, true)) {
            schedule();
        }
    }

    /** Closes every connection past its deadline; true when some write is still in progress. */
    private boolean closeStalled() {
        long now = System.nanoTime();
        boolean writing = false;
        for (WatchedWriter connection : connections) {
            long deadline = connection.writeDeadline();
            if (deadline == 0) {
                continue;
            }
            if (now - deadline >= 0) {
                connection.closeStalled();
            } else {
                writing = true;
            }
        }
        return writing;
    }
}
