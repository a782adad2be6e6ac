package org.eventdispatcher.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eventdispatcher.connection.ConnectionEvents;
import org.eventdispatcher.connection.Heartbeat;
import org.eventdispatcher.connection.HeartbeatTimeoutException;
import org.eventdispatcher.connection.ReportThrottle;
import org.eventdispatcher.connection.Side;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * The senders this daemon hears from on the broker, one {@link VirtualConnection} each (PROTOCOL.md
 * h.4): the first message of a new sender opens one, told to the connection listeners
 * ({@link ConnectionEvents}) before that message is dispatched, as a TCP accept is, so that a
 * server's {@code @OnConnect} greets it first; a handler closes it, the heartbeat closes a sender
 * that stopped answering (told as failed, with a {@link HeartbeatTimeoutException}, then closed),
 * and the daemon's stop closes them all.
 *
 * <p>A connection's events are told under its own lock, so that the heartbeat (on the scheduler's
 * thread) cannot tell it closed while the consumer's thread is still telling it opened.
 *
 * <p>Closing one here tells the other end: {@value #DISCONNECTING} is published to it, and
 * receiving it closes that sender's connection without a word back. A broker has no connection to
 * lose, so this is how the two sides agree that the next message starts anew (a client that
 * restarts sends it first, so the server greets it again).
 *
 * <p>The heartbeat is one task that runs only while there are virtual connections: a sender silent
 * for {@code idle} is sent {@code ALIVE}, and closed if it then stays silent for {@code timeout};
 * a sender silent for {@code idle-timeout} is closed, heartbeat or not. Anything one connection
 * throws there is logged (throttled) and the task goes on: it is never left disarmed.
 *
 * <p>At most {@code max-virtual-connections} are open: a new sender past it closes the one
 * silent for longest first, so that a crowd of senders (one message each from many forged
 * addresses) costs the daemon a bounded map, not its memory.
 */
public class VirtualConnections implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VirtualConnections.class);
    private static final Logger traceLog = LoggerFactory.getLogger("org.eventdispatcher.trace");

    /** The command that closes the sender's virtual connection on the daemon that receives it. */
    public static final String DISCONNECTING = "DISCONNECTING";

    private final BrokerPublisher publisher;
    private final ConnectionEvents events;
    private final TaskScheduler scheduler;
    private final Heartbeat heartbeat;
    private final int maxConnections;
    /** A sender silent this long is closed; 0 when it is never. */
    private final long idleTimeoutNanos;

    private final boolean trace;
    /** Which side opened a connection, as the registry files it: the server this client joins is CLIENT. */
    private final BrokerAddress joined;

    private final ConcurrentMap<BrokerAddress, VirtualConnection> open = new ConcurrentHashMap<>();
    private final AtomicBoolean sweepArmed = new AtomicBoolean();
    /** A crowd of senders gone silent at once (a host lost) makes a few lines, then a count. */
    private final ReportThrottle silenceReports = new ReportThrottle(Duration.ofSeconds(10), 5, "on the broker");

    private final ReportThrottle limitReports = new ReportThrottle(Duration.ofSeconds(10), 5, "on the broker");
    private volatile boolean running;
    /** Set once the daemon stops; messages may open connections before start() runs, so the sweep does not wait for it. */
    private volatile boolean stopped;

    /**
     * @param joined the server a client joins (its connection is filed as the client's side), or null
     */
    public VirtualConnections(
            BrokerPublisher publisher,
            ConnectionEvents events,
            TaskScheduler scheduler,
            BrokerProperties properties,
            boolean trace,
            @Nullable BrokerAddress joined) {
        this.publisher = publisher;
        this.events = events;
        this.scheduler = scheduler;
        this.heartbeat = properties.heartbeat();
        this.maxConnections = properties.maxVirtualConnections();
        this.idleTimeoutNanos = properties.idleTimeout().toNanos();
        this.trace = trace;
        this.joined = joined;
    }

    /** The virtual connection of {@code sender}, opened (and announced) if it is new. */
    VirtualConnection from(BrokerAddress sender) {
        long now = System.nanoTime();
        VirtualConnection connection = open.get(sender);
        if (connection != null) {
            connection.heard(now);
            return connection;
        }
        VirtualConnection created = new VirtualConnection(sender, sideOf(sender), publisher, this, now);
        synchronized (created) {
            connection = open.putIfAbsent(sender, created);
            if (connection != null) {
                connection.heard(now);
                return connection;
            }
            if (trace) {
                traceLog.info("{} connected (broker)", sender);
            }
            events.opened(created);
        }
        makeRoomFor(created);
        armSweep();
        return created;
    }

    /**
     * Past the bound, closes the connections silent for longest (not the new one). A scan of them
     * all, only when full: a few microseconds per thousand, where an ordered structure would cost
     * every message its upkeep.
     */
    private void makeRoomFor(VirtualConnection created) {
        for (int excess = open.size() - maxConnections; excess > 0; excess--) {
            VirtualConnection oldest = null;
            for (VirtualConnection connection : open.values()) {
                if (connection != created && (oldest == null || connection.lastHeard() - oldest.lastHeard() < 0)) {
                    oldest = connection;
                }
            }
            if (oldest == null) {
                return;
            }
            if (limitReports.firstReport("max-virtual-connections")) {
                log.warn(
                        "{} virtual connections open, the most allowed (eventdispatcher.broker.max-virtual-connections):"
                                + " {}, silent for longest, closed to admit {}",
                        maxConnections,
                        oldest.brokerPeer(),
                        created.brokerPeer());
            }
            close(oldest, "closed to admit a new sender (max-virtual-connections " + maxConnections + ")");
        }
    }

    private Side sideOf(BrokerAddress peer) {
        return peer.equals(joined) ? Side.CLIENT : Side.SERVER;
    }

    /** How many virtual connections are open. */
    public int size() {
        return open.size();
    }

    /** Closes it here and tells the other end. */
    void close(VirtualConnection connection, String reason) {
        if (forget(connection, reason, null)) {
            connection.send(Message.of(DISCONNECTING));
        }
    }

    /** {@code sender} said it closed its side: ours closes too, without a word back. */
    void disconnected(BrokerAddress sender) {
        VirtualConnection connection = open.get(sender);
        if (connection != null) {
            forget(connection, sender + " disconnected", null);
        }
    }

    /** Told failed first when {@code failure} says why it ends abnormally, then closed; false when it was not open. */
    private boolean forget(VirtualConnection connection, String reason, @Nullable Throwable failure) {
        synchronized (connection) {
            if (!open.remove(connection.brokerPeer(), connection)) {
                return false;
            }
            if (failure != null) {
                events.failed(connection, failure);
            }
            connection.closed(reason);
            if (trace) {
                traceLog.info("{} disconnected (broker): {}", connection.brokerPeer(), reason);
            }
            events.closed(connection);
            return true;
        }
    }

    private void armSweep() {
        if ((heartbeat.isOn() || idleTimeoutNanos > 0) && !stopped && sweepArmed.compareAndSet(false, true)) {
            long shortest = Long.MAX_VALUE;
            if (heartbeat.isOn()) {
                shortest =
                        Math.min(heartbeat.idle().toNanos(), heartbeat.timeout().toNanos());
            }
            if (idleTimeoutNanos > 0) {
                shortest = Math.min(shortest, idleTimeoutNanos);
            }
            Duration period = Duration.ofNanos(Math.max(Duration.ofMillis(10).toNanos(), shortest / 2));
            scheduler.schedule(this::sweep, Instant.now().plus(period));
        }
    }

    /** Re-arms whatever happens: one connection's failure neither skips the others nor stops the heartbeat. */
    private void sweep() {
        try {
            long now = System.nanoTime();
            for (VirtualConnection connection : List.copyOf(open.values())) {
                try {
                    sweep(connection, now);
                } catch (RuntimeException e) {
                    if (limitReports.firstReport("sweep failed")) {
                        log.warn(
                                "the virtual connections' heartbeat failed on {}; it goes on",
                                connection.brokerPeer(),
                                e);
                    }
                }
            }
        } finally {
            sweepArmed.set(false);
            if (!open.isEmpty()) {
                armSweep();
            }
        }
    }

    private void sweep(VirtualConnection connection, long now) {
        if (idleTimeoutNanos > 0 && now - connection.lastHeard() >= idleTimeoutNanos) {
            if (silenceReports.firstReport("idle")) {
                log.info(
                        "{} silent for {}: virtual connection closed (eventdispatcher.broker.idle-timeout)",
                        connection.brokerPeer(),
                        Duration.ofNanos(idleTimeoutNanos));
            }
            close(connection, "silent for " + Duration.ofNanos(idleTimeoutNanos));
            return;
        }
        if (!heartbeat.isOn()) {
            return;
        }
        long probedAt = connection.probedAt();
        if (probedAt != 0) {
            if (now - probedAt >= heartbeat.timeout().toNanos() && connection.lastHeard() < probedAt) {
                if (silenceReports.firstReport("no answer to ALIVE")) {
                    log.info(
                            "{} did not answer ALIVE within {}: virtual connection closed",
                            connection.brokerPeer(),
                            heartbeat.timeout());
                }
                forget(
                        connection,
                        "no answer to ALIVE",
                        new HeartbeatTimeoutException(heartbeat.idle(), heartbeat.timeout()));
            }
        } else if (now - connection.lastHeard() >= heartbeat.idle().toNanos()) {
            connection.probed(now);
            connection.send(Message.of("ALIVE"));
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** The daemon stops: every virtual connection closes. */
    @Override
    public void stop() {
        running = false;
        stopped = true;
        open.values().forEach(connection -> close(connection, "the daemon stops"));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
