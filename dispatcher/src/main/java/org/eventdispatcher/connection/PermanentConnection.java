package org.eventdispatcher.connection;

import java.io.EOFException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.Peer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.scheduling.TaskScheduler;

/**
 * A client connection that never gives up (PROTOCOL.md e): connects at start, and whenever an
 * attempt fails or an open connection ends, tries again after the next pause of its
 * {@link ReconnectPolicy}, until the application stops or {@link #finish(String) the conversation
 * is over}.
 *
 * <p>The sockets belong to a Spring Integration client connection factory; this class only decides
 * <em>when</em> to ask it for a connection. Every wait is a task on the {@link TaskScheduler}, so
 * a client waiting for its server uses no thread and no CPU. The factory tells this class about
 * each connection it opens or loses through the {@link TcpSender} callbacks, before the first
 * line is read and after the socket is closed, whoever closed it.
 *
 * <p>A connection that stays silent for the stall timeout is dropped and replaced: the client's
 * side of a conversation always waits for the server's next line (PROTOCOL.md g.1), so silence
 * means a server that is stuck, not one that is thinking. Any line received restarts the timer.
 */
public class PermanentConnection implements SmartLifecycle, TcpSender, ApplicationListener<TcpConnectionExceptionEvent> {

    private static final Logger log = LoggerFactory.getLogger(PermanentConnection.class);

    private final AbstractClientConnectionFactory factory;
    private final String server;
    private final ReconnectPolicy policy;
    private final Duration stallTimeout;
    private final TaskScheduler scheduler;
    private final MessageDispatcher dispatcher;
    private final ApplicationEventPublisher events;

    /** Guards every field below; never held while connecting, closing a socket or publishing. */
    private final Object lock = new Object();
    private boolean running;
    private boolean finished;
    private ClientConnectionPeer current;
    /** Why the current connection is ending, when we know better than "closed". */
    private String closeReason;
    private ScheduledFuture<?> nextAttempt;
    private ScheduledFuture<?> stallTimer;
    private volatile ConnectionState state;

    /**
     * Registers itself with the factory as the one to tell about connections. Nothing happens
     * until {@link #start()}.
     *
     * @param stallTimeout the longest the server may stay silent on an open connection; zero: no limit
     */
    public PermanentConnection(AbstractClientConnectionFactory factory, ReconnectPolicy policy, Duration stallTimeout,
            TaskScheduler scheduler, MessageDispatcher dispatcher, ApplicationEventPublisher events) {
        this.factory = factory;
        this.server = new HostPort(factory.getHost(), factory.getPort()).toString();
        this.policy = policy;
        this.stallTimeout = stallTimeout;
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
        this.events = events;
        this.state = ConnectionState.initial(server, now());
        factory.registerSender(this);
    }

    /** What the connection is doing now; an immutable snapshot. */
    public ConnectionState state() {
        return state;
    }

    /** {@code host:port} of the server. */
    public String server() {
        return server;
    }

    /** The server, while connected. */
    public Peer peer() {
        synchronized (lock) {
            return current;
        }
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            finished = false;
            if (!factory.isRunning()) {
                factory.start(); // normally its inbound adapter has, in an earlier phase
            }
            policy.connected();
            log.info("connecting to {}; pauses between attempts: {} less up to {}% jitter; stall timeout {}", server,
                    policy.pauses().describe(), Math.round(policy.jitter() * 100),
                    stallTimeout.isZero() ? "off" : seconds(stallTimeout));
            scheduleAttempt(policy.firstAttempt(), null);
        }
    }

    @Override
    public void stop() {
        ClientConnectionPeer peer;
        synchronized (lock) {
            if (!running) {
                return;
            }
            running = false;
            cancelTimers();
            peer = current;
            closeReason = "the client is stopping";
            if (peer == null) {
                state = state.disconnected(now(), null, null);
            }
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    /** Starts after the connection factory and the web server, stops before them. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    /**
     * The conversation is over ({@code BYE}): closes the connection and never connects again,
     * even while the application is still stopping.
     */
    public void finish(String reason) {
        ClientConnectionPeer peer;
        synchronized (lock) {
            finished = true;
            cancelTimers();
            peer = current;
            closeReason = reason;
            if (peer == null) {
                state = state.disconnected(now(), null, null);
            }
        }
        log.info("{}: closing the connection to {}; no more reconnects", reason, server);
        if (peer != null) {
            peer.close();
        }
    }

    /**
     * One line from the server, as the inbound adapter delivers it: dispatched with the current
     * connection as its peer. A line still arriving from a connection already replaced is dropped.
     */
    public void received(byte[] line, String connectionId) {
        ClientConnectionPeer peer;
        synchronized (lock) {
            peer = current;
            if (peer == null || !peer.id().equals(connectionId)) {
                peer = null;
            } else {
                armStallTimer(peer);
            }
        }
        if (peer == null) {
            log.debug("dropped a line from {}, a connection that is already closed", connectionId);
            return;
        }
        dispatcher.receive(line, peer);
    }

    private void attempt() {
        ConnectionState attempting;
        synchronized (lock) {
            nextAttempt = null;
            if (!running || finished || current != null) {
                return;
            }
            state = state.connecting(now());
            attempting = state;
        }
        publish(PermanentConnectionEvent.Kind.ATTEMPT, attempting, null);
        String error;
        try {
            factory.getConnection();
            // Success was reported to addNewConnection before getConnection returned. Should the
            // state still say CONNECTING, that connection was never counted, and nothing else
            // would schedule the next attempt: treat it as a failure.
            error = "the connection closed as soon as it opened";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (RuntimeException e) {
            error = describe(e);
        }
        failed(error);
    }

    /** Schedules the next attempt, unless the attempt under way has already been settled. */
    private void failed(String error) {
        Duration pause;
        ConnectionState failed;
        synchronized (lock) {
            if (!running || finished || state.status() != ConnectionState.Status.CONNECTING) {
                return;
            }
            pause = policy.nextPause();
            scheduleAttempt(pause, error);
            failed = state;
        }
        if (failed.attemptsSinceSuccess() == 1) {
            log.warn("cannot connect to {}: {}; trying again in {}, and on until it answers", server, error,
                    seconds(pause));
        } else {
            log.debug("attempt {} to connect to {} failed: {}; next in {}", failed.attemptsSinceSuccess(), server,
                    error, seconds(pause));
        }
        publish(PermanentConnectionEvent.Kind.ATTEMPT_FAILED, failed, error);
    }

    /** The factory opened a connection: it is ours, and reading has not started yet. */
    @Override
    public void addNewConnection(TcpConnection connection) {
        ClientConnectionPeer peer = new ClientConnectionPeer(connection, server);
        ConnectionState connected = null;
        long attempts = 0;
        synchronized (lock) {
            if (running && !finished && current == null) {
                attempts = state.attemptsSinceSuccess();
                current = peer;
                closeReason = null;
                policy.connected();
                state = state.connected(now());
                armStallTimer(peer);
                connected = state;
            }
        }
        if (connected == null) {
            log.debug("closing {}: not wanted (stopping, finished or already connected)", connection.getConnectionId());
            connection.close();
            return;
        }
        log.info("connected to {} from {}{}", server, peer.localAddress(),
                attempts > 1 ? " after " + attempts + " attempts" : "");
        publish(PermanentConnectionEvent.Kind.CONNECTED, connected, null);
    }

    /** The factory closed a connection (EOF, reset, failed write, stall, stop): reconnect unless done. */
    @Override
    public void removeDeadConnection(TcpConnection connection) {
        String reason;
        Duration pause = null;
        ConnectionState lost;
        synchronized (lock) {
            if (current == null || !current.id().equals(connection.getConnectionId())) {
                return;
            }
            current = null;
            reason = closeReason != null ? closeReason : "the connection closed";
            closeReason = null;
            cancel(stallTimer);
            stallTimer = null;
            if (running && !finished) {
                pause = policy.nextPause();
                scheduleAttempt(pause, reason);
            } else {
                state = state.disconnected(now(), null, null);
            }
            lost = state;
        }
        if (pause != null) {
            log.warn("lost the connection to {}: {}; reconnecting in {}", server, reason, seconds(pause));
        } else {
            log.debug("closed the connection to {}: {}", server, reason);
        }
        publish(PermanentConnectionEvent.Kind.LOST, lost, reason);
    }

    /** Keeps the cause of a connection's end (reset, EOF, line too long) for the log and the state. */
    @Override
    public void onApplicationEvent(TcpConnectionExceptionEvent event) {
        synchronized (lock) {
            if (current != null && current.id().equals(event.getConnectionId()) && closeReason == null) {
                closeReason = describe(event.getCause());
            }
        }
    }

    private void stalled(ClientConnectionPeer peer) {
        synchronized (lock) {
            if (current != peer) {
                return;
            }
            stallTimer = null;
            closeReason = "no message from the server for " + seconds(stallTimeout) + " (stall timeout)";
        }
        peer.close();
    }

    private void scheduleAttempt(Duration delay, String error) {
        Instant at = now().plus(delay);
        nextAttempt = scheduler.schedule(this::attempt, at);
        state = state.disconnected(now(), error, at);
    }

    private void armStallTimer(ClientConnectionPeer peer) {
        cancel(stallTimer);
        stallTimer = stallTimeout.isZero() ? null : scheduler.schedule(() -> stalled(peer), now().plus(stallTimeout));
    }

    private void cancelTimers() {
        cancel(nextAttempt);
        cancel(stallTimer);
        nextAttempt = null;
        stallTimer = null;
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private Instant now() {
        return scheduler.getClock().instant();
    }

    private void publish(PermanentConnectionEvent.Kind kind, ConnectionState snapshot, String detail) {
        try {
            events.publishEvent(new PermanentConnectionEvent(this, kind, snapshot, detail));
        } catch (RuntimeException e) {
            // a closing context may refuse events; the state is still right
            log.debug("could not publish {} event: {}", kind, e.getMessage());
        }
    }

    /** The innermost message of a failure: "Connection refused", not three layers of wrapping. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof SoftEndOfStreamException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof SoftEndOfStreamException || cause instanceof EOFException) {
            return "the server closed the connection";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    static String seconds(Duration duration) {
        return PauseList.seconds(Duration.ofMillis(duration.toMillis()));
    }
}
