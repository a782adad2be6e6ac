package org.eventdispatcher.tcp.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eventdispatcher.connection.ReportThrottle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections a server holds at once: at most {@code max} in all, at most
 * {@code maxPerAddress} from one peer address. A connection takes a slot when it is accepted
 * (before its TLS handshake) and gives it back when it is closed, whoever closes it; beyond
 * either maximum, new connections are closed at once.
 */
public class ConnectionSlots {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSlots.class);

    /** Why a connection was refused: the tag of the rejected-connections meter. */
    public enum Refusal {
        MAX_CONNECTIONS("max-connections"),
        MAX_CONNECTIONS_PER_ADDRESS("max-connections-per-address");

        private final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final int max;
    private final int maxPerAddress;
    private final Consumer<Refusal> onRefusal;
    private final AtomicInteger open = new AtomicInteger();
    /** Connections open per peer address; an address leaves the map with its last connection. */
    private final ConcurrentMap<InetAddress, Integer> openPerAddress = new ConcurrentHashMap<>();
    /** Under a flood of refused connections, one line a second, with the count of the others. */
    private final ReportThrottle refusals = new ReportThrottle(Duration.ofSeconds(1), 1, "from connecting peers");

    public ConnectionSlots(int max) {
        this(max, max, refusal -> {});
    }

    /** @param onRefusal told of each connection refused, and why (the rejected-connections meter) */
    public ConnectionSlots(int max, int maxPerAddress, Consumer<Refusal> onRefusal) {
        if (max < 1) {
            throw new IllegalArgumentException("the maximum number of connections must be at least 1, not " + max);
        }
        if (maxPerAddress < 1) {
            throw new IllegalArgumentException(
                    "the maximum number of connections per address must be at least 1, not " + maxPerAddress);
        }
        this.max = max;
        this.maxPerAddress = maxPerAddress;
        this.onRefusal = onRefusal;
    }

    public int max() {
        return max;
    }

    public int maxPerAddress() {
        return maxPerAddress;
    }

    /** Connections holding a slot now. */
    public int open() {
        return open.get();
    }

    /**
     * Takes a slot for a connection from {@code address} (null: not an IP peer, counted in all only).
     *
     * @return null when it has one, else why not
     */
    @Nullable
    Refusal tryAcquire(@Nullable InetAddress address) {
        if (!tryAcquireOne()) {
            return Refusal.MAX_CONNECTIONS;
        }
        if (address != null && openPerAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
            releaseAddress(address);
            open.decrementAndGet();
            return Refusal.MAX_CONNECTIONS_PER_ADDRESS;
        }
        return null;
    }

    private boolean tryAcquireOne() {
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

    /** Gives back the slot {@link #tryAcquire} took. */
    void release(@Nullable InetAddress address) {
        if (address != null) {
            releaseAddress(address);
        }
        open.decrementAndGet();
    }

    private void releaseAddress(InetAddress address) {
        openPerAddress.computeIfPresent(address, (from, count) -> count > 1 ? count - 1 : null);
    }

    /**
     * Counts and logs a connection accepted beyond a maximum; the caller closes it, after this:
     * whoever sees it closed then sees it counted too.
     */
    void refused(String peer, Refusal why) {
        onRefusal.accept(why);
        if (refusals.firstReport("connection-refused")) {
            if (why == Refusal.MAX_CONNECTIONS) {
                log.warn("connection from {} refused: {} connections open, the maximum", peer, max);
            } else {
                log.warn(
                        "connection from {} refused: {} connections open from its address, the maximum (max-connections-per-address)",
                        peer,
                        maxPerAddress);
            }
        }
    }
}
