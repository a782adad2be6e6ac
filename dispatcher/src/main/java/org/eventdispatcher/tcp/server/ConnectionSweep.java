package org.eventdispatcher.tcp.server;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eventdispatcher.connection.Heartbeat;
import org.eventdispatcher.connection.HeartbeatTimeoutException;
import org.eventdispatcher.connection.ReportThrottle;
import org.eventdispatcher.tcp.netty.LineTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's timers, as one task over every connection: every few seconds it looks at each
 * one's times ({@link AcceptedConnection#sweep}).
 * <ul>
 * <li>the heartbeat (PROTOCOL.md b.3 {@code ALIVE}): a connection that has sent no complete line
 * for {@code idle} is sent {@code ALIVE}; one that then sends no line within {@code timeout} is
 * closed with a {@link HeartbeatTimeoutException};
 * <li>the line timeout: a peer that began a line and has not ended it within {@code line-timeout}
 * is closed with a {@link LineTimeoutException}.
 * </ul>
 * A verdict comes at most half the shorter time late.
 *
 * <p>Why not a timer per connection (Netty's {@code IdleStateHandler}, a scheduled task): it is
 * scheduled when a connection opens and cancelled when it closes, which cost 10–20 % of the
 * conversations per second when each conversation is a connection (BENCHMARKS.md). Here a
 * connection costs a timestamp per read, and the sweep runs only while there are connections: an
 * idle server has no timer.
 */
final class ConnectionSweep implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSweep.class);

    private final Collection<AcceptedConnection> connections;
    private final EventExecutor executor;
    private final @Nullable Heartbeat heartbeat;
    private final Duration lineTimeout;
    private final long periodNanos;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final ReportThrottle failures = new ReportThrottle(Duration.ofMinutes(1), 1, "in the connection sweep");

    /**
     * @param connections the server's open connections, a live view
     * @param executor    where the sweep runs (an event loop); the probes and closes run on each
     *                    connection's own thread
     * @param heartbeat   null: no heartbeat
     * @param lineTimeout how long a line may take from its first byte to its end
     */
    ConnectionSweep(
            Collection<AcceptedConnection> connections,
            EventExecutor executor,
            @Nullable Heartbeat heartbeat,
            Duration lineTimeout) {
        this.connections = connections;
        this.executor = executor;
        this.heartbeat = heartbeat;
        this.lineTimeout = lineTimeout;
        long shortest = lineTimeout.toNanos();
        if (heartbeat != null) {
            shortest = Math.min(
                    shortest,
                    Math.min(heartbeat.idle().toNanos(), heartbeat.timeout().toNanos()));
        }
        // half the shortest: a verdict comes at most that late
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), shortest / 2);
    }

    /** A connection opened: the sweep runs, if it did not already. */
    void wake() {
        if (armed.compareAndSet(false, true)) {
            try {
                executor.schedule(this, periodNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                armed.set(false); // the event loops are ending, and the connections with them
            }
        }
    }

    /** Whatever fails, the sweep runs again: one exception must not leave every connection unwatched for good. */
    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            for (AcceptedConnection connection : connections) {
                look(connection, now);
            }
        } catch (RuntimeException e) {
            failed(e);
        } finally {
            armed.set(false);
            // asked after disarming: a connection that opened during the sweep found it armed
            if (!executor.isShuttingDown() && !connections.isEmpty()) {
                wake();
            }
        }
    }

    /** One connection that fails to be looked at does not keep the others from being looked at. */
    private void look(AcceptedConnection connection, long now) {
        try {
            connection.sweep(now, heartbeat, lineTimeout);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        if (failures.firstReport("sweep")) {
            log.warn("the connection sweep failed; it goes on: {}", e.toString(), e);
        }
    }
}
