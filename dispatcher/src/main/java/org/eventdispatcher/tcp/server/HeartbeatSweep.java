package org.eventdispatcher.tcp.server;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.util.concurrent.EventExecutor;
import org.eventdispatcher.dispatch.ReportThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.eventdispatcher.tcp.HeartbeatTimeoutException;

/**
 * The server's side of the heartbeat (PROTOCOL.md b.3 {@code ALIVE}): every few seconds, one task
 * looks at every connection; one that has read nothing for {@code idle} is sent {@code ALIVE}, one
 * that then reads nothing within {@code timeout} is closed with a {@link HeartbeatTimeoutException}.
 * Any bytes count as an answer.
 *
 * <p>Why not a Netty {@code IdleStateHandler} per connection: its timer is scheduled when a
 * connection opens and cancelled when it closes, which cost 10–20 % of the conversations per second
 * when each conversation is a connection (BENCHMARKS.md). Here a connection costs a timestamp per
 * read, and the sweep runs only while there are connections: an idle server has no timer.
 */
final class HeartbeatSweep implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSweep.class);

    private final Collection<? extends TcpConnectionSupport> connections;
    private final EventExecutor executor;
    private final Duration idle;
    private final Duration timeout;
    private final long periodNanos;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final ReportThrottle failures = new ReportThrottle(Duration.ofMinutes(1), 1, "in the heartbeat's sweep");

    /**
     * @param connections the factory's open connections, a live view
     * @param executor    where the sweep runs (an event loop); the probes and closes run on each
     *                    connection's own thread
     */
    HeartbeatSweep(Collection<? extends TcpConnectionSupport> connections, EventExecutor executor, Duration idle,
            Duration timeout) {
        this.connections = connections;
        this.executor = executor;
        this.idle = idle;
        this.timeout = timeout;
        // half the shorter of the two: a verdict comes at most that late
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(idle.toNanos(), timeout.toNanos()) / 2);
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
            for (TcpConnectionSupport connection : connections) {
                if (connection instanceof NettyTcpConnection netty) {
                    look(netty, now);
                }
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
    private void look(NettyTcpConnection connection, long now) {
        try {
            connection.heartbeat(now, idle, timeout);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        if (failures.firstReport("sweep")) {
            log.warn("the heartbeat's sweep failed; it goes on: {}", e.toString(), e);
        }
    }
}
