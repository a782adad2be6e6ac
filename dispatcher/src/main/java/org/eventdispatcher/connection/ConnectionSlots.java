package org.eventdispatcher.connection;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maximum number of connections a server holds at once. A socket takes a slot when it is
 * accepted and gives it back when it is closed, whoever closes it; beyond the maximum, new
 * connections are closed at once.
 */
public class ConnectionSlots {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSlots.class);

    /** Under a flood of refused connections, one log line per this interval, with a count. */
    private static final long REFUSAL_LOG_INTERVAL = TimeUnit.SECONDS.toNanos(1);

    private final int max;
    private final Runnable onRefusal;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL);

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

    /** Closes a connection accepted beyond the maximum, and says so. */
    void refuse(Socket socket) {
        String peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        // Counted before the close: whoever sees the connection closed then sees it counted too.
        onRefusal.run();
        try {
            socket.close();
        } catch (IOException e) {
            // it is being refused anyway
        }
        long refused = refusedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastRefusalLog.get();
        if (now - last >= REFUSAL_LOG_INTERVAL && lastRefusalLog.compareAndSet(last, now)) {
            refusedSinceLog.addAndGet(-refused);
            log.warn("connection from {} refused: {} connections open, the maximum{}", peer, max,
                    refused > 1 ? " (" + (refused - 1) + " more refused in the last second)" : "");
        }
    }
}
