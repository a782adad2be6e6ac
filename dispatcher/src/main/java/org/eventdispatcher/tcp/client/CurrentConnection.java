package org.eventdispatcher.tcp.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.eventdispatcher.connection.ConnectionEvents;
import org.eventdispatcher.connection.Heartbeat;
import org.eventdispatcher.connection.HeartbeatTimeoutException;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.TaskScheduler;

/**
 * The one connection a {@link PermanentConnection} has at a time, its {@link SilenceWatch}, why it
 * ends, and its life told to the {@link ConnectionEvents} in the order {@code ConnectionListener}
 * writes: opened on its reading thread before the first read (then the {@link Outbox} writes the
 * buffer), failed (unanswered heartbeat, failed read), closed once its reading thread is done.
 * Told by the factory ({@link TcpSender}) and by each connection ({@link ClientSocketConnection.Observer}).
 * Its lock guards the connection of the moment; the parts it calls under it have a lock each, taken
 * after it, never the other way; none is held while writing, closing or telling.
 */
final class CurrentConnection implements TcpSender, ClientSocketConnection.Observer {

    /** Logged under the link's name: users set its level, not the parts'. */
    private static final Logger log = LoggerFactory.getLogger(PermanentConnection.class);

    private static final byte[] ALIVE = "ALIVE".getBytes(StandardCharsets.US_ASCII);

    private final ReconnectStateMachine attempts;
    private final Outbox outbox;
    private final Duration stallTimeout;
    private final Heartbeat heartbeat;
    private final TaskScheduler scheduler;
    private final Executor linkWork;
    private final MessageDispatcher dispatcher;
    private final ConnectionEvents connectionEvents;
    private final ReconnectStateMachine.Observer telling;
    private final MessageChannel outbound;
    /** Connections told opened and not yet closed: the one of the moment, and one whose reader ends. */
    private final Map<TcpConnection, ClientConnectionPeer> told = new ConcurrentHashMap<>();

    private final Object lock = new Object();
    private ClientConnectionPeer current;
    private SilenceWatch silence;
    /** Why the current connection is ending, when we know better than "closed". */
    private String closeReason;

    CurrentConnection(
            ReconnectStateMachine attempts,
            Outbox outbox,
            Duration stallTimeout,
            Heartbeat heartbeat,
            TaskScheduler scheduler,
            Executor linkWork,
            MessageDispatcher dispatcher,
            ConnectionEvents connectionEvents,
            ReconnectStateMachine.Observer telling,
            MessageChannel outbound) {
        this.attempts = attempts;
        this.outbox = outbox;
        this.stallTimeout = stallTimeout;
        this.heartbeat = heartbeat;
        this.scheduler = scheduler;
        this.linkWork = linkWork;
        this.dispatcher = dispatcher;
        this.connectionEvents = connectionEvents;
        this.telling = telling;
        this.outbound = outbound;
    }

    Peer peer() {
        synchronized (lock) {
            return current;
        }
    }

    boolean isCurrent(Peer peer) {
        synchronized (lock) {
            return peer != null && peer == current;
        }
    }

    /** The client stops: no more attempts; the connection is closed without waiting on the server. */
    void stop() {
        ClientConnectionPeer peer;
        synchronized (lock) {
            if (!attempts.stop()) {
                return;
            }
            stopWatching();
            peer = current;
            closeReason = "the client is stopping";
        }
        if (peer != null) {
            peer.abort(); // a TLS close could wait on a server that reads nothing: the stop would hang
        }
    }

    /** The conversation is over: no more attempts, nothing buffered; the connection is closed. */
    void finish(String reason) {
        ClientConnectionPeer peer;
        synchronized (lock) {
            attempts.finish();
            outbox.finish();
            stopWatching();
            peer = current;
            closeReason = reason;
        }
        log.info(
                "{}: closing the connection to {}; no more reconnects",
                reason,
                attempts.state().server());
        if (peer != null) {
            peer.close();
        }
    }

    /**
     * One line from the server, as the inbound adapter delivers it: dispatched with the current
     * connection as its peer. The first proves the connection healthy. A line still arriving from a
     * connection already replaced is dropped.
     */
    void received(byte[] line, String connectionId) {
        ClientConnectionPeer peer;
        boolean first = false;
        synchronized (lock) {
            peer = current;
            if (peer == null || !peer.id().equals(connectionId)) {
                peer = null;
            } else {
                silence.read();
                first = outbox.proven(peer);
                if (first) {
                    attempts.proven();
                }
            }
        }
        if (peer == null) {
            log.debug("dropped a line from {}, a connection that is already closed", connectionId);
            return;
        }
        if (first) {
            log.debug("{} answered: the connection is healthy", peer.address());
        }
        dispatcher.receive(line, peer);
    }

    /** The factory opened a connection, during an attempt; it reads nothing yet, nor can it be written to. */
    @Override
    public void addNewConnection(TcpConnection connection) {
        ClientConnectionPeer peer =
                new ClientConnectionPeer(connection, outbound, attempts.state().server(), this::sending);
        ReconnectStateMachine.Connected connected;
        synchronized (lock) {
            connected = attempts.connected();
            if (connected != null) {
                current = peer;
                closeReason = null;
                outbox.opening(peer);
                silence = new SilenceWatch(stallTimeout, heartbeat, scheduler, verdicts(peer));
            }
        }
        if (connected == null) {
            log.debug("closing {}: not wanted (stopping, finished or already connected)", connection.getConnectionId());
            connection.close();
            return;
        }
        if (connected.quietly()) {
            log.debug("connected to {} again", peer.address());
        } else {
            long attemptsMade = connected.state().attemptsSinceSuccess();
            String from = peer.localAddress();
            log.info(
                    "connected to {}{}{}",
                    peer.address(),
                    from == null ? "" : " from " + from,
                    attemptsMade > 1 ? " after " + attemptsMade + " attempts" : "");
        }
        telling.told(PermanentConnectionEvent.Kind.CONNECTED, connected.state(), null);
    }

    /**
     * The connection is set up, and its reading thread about to read the first line: the listeners
     * are told (a greeting they send goes first), then what was buffered goes, before any reply.
     */
    @Override
    public void opened(TcpConnection connection) {
        ClientConnectionPeer peer;
        synchronized (lock) {
            peer = current != null && current.connection() == connection ? current : null;
        }
        if (peer == null) {
            return;
        }
        told.put(connection, peer);
        connectionEvents.opened(peer);
        outbox.flush(peer);
    }

    /** A read or write failed (reset, EOF, line too long): kept for the log, told unless an EOF. */
    @Override
    public void failed(TcpConnection connection, Throwable cause) {
        ClientConnectionPeer peer;
        String reason = null;
        synchronized (lock) {
            peer = current != null && current.connection() == connection && closeReason == null ? current : null;
            if (peer != null) {
                reason = closeReason = FailureText.describe(cause, peer.address());
            }
        }
        if (peer != null && !FailureText.SERVER_CLOSED.equals(reason) && told.containsKey(connection)) {
            connectionEvents.failed(peer, cause);
        }
    }

    /** The connection's reading thread is done: no line from it is dispatched any more. */
    @Override
    public void readingEnded(TcpConnection connection) {
        ClientConnectionPeer peer = told.remove(connection);
        if (peer != null) {
            connectionEvents.closed(peer);
        }
    }

    /** The factory closed a connection (EOF, reset, failed write, silence, stop): reconnect unless done. */
    @Override
    public void removeDeadConnection(TcpConnection connection) {
        ClientConnectionPeer peer;
        String reason;
        synchronized (lock) {
            if (current == null || current.connection() != connection) {
                return;
            }
            peer = current;
            current = null;
            stopWatching();
            reason = closeReason != null ? closeReason : "the connection closed";
            closeReason = null;
        }
        boolean proven = outbox.closed(peer);
        attempts.lost(reason, proven, peer.remoteEnd(), connection.getHostName());
    }

    /** Whether the server owes an answer to a message: the stall timeout watches it. */
    static boolean awaitsAnswer(Message message, Duration stallTimeout) {
        return !message.isNeverAnswered() && !stallTimeout.isZero();
    }

    /** A reply goes out on a connection: unless it is one never answered, the server owes a line. */
    private void sending(ClientConnectionPeer peer, Message message) {
        if (awaitsAnswer(message, stallTimeout)) {
            awaitsAnswer(peer);
        }
    }

    /** Called with the lock held: the silence timer of the connection is cancelled. */
    private void stopWatching() {
        if (silence != null) {
            silence.stop();
        }
    }

    /** A line the server owes an answer to is about to be written to {@code wire}. */
    void awaitsAnswer(Outbox.Wire wire) {
        SilenceWatch watch;
        synchronized (lock) {
            watch = current == wire ? silence : null;
        }
        if (watch != null) {
            watch.wrote();
        }
    }

    /** What the silence of one connection leads to. */
    private SilenceWatch.Verdicts verdicts(ClientConnectionPeer peer) {
        return new SilenceWatch.Verdicts() {
            @Override
            public void probe() {
                linkWork.execute(() -> peer.write(ALIVE)); // may wait for room in the socket
            }

            @Override
            public void giveUp(String reason, HeartbeatTimeoutException failure) {
                CurrentConnection.this.giveUp(peer, reason, failure);
            }
        };
    }

    /** Closes a connection the server went silent on, without waiting on it; a heartbeat failure is told first. */
    private void giveUp(ClientConnectionPeer peer, String reason, HeartbeatTimeoutException failure) {
        synchronized (lock) {
            if (current != peer) {
                return;
            }
            closeReason = reason;
        }
        if (failure != null && told.containsKey(peer.connection())) {
            connectionEvents.failed(peer, failure);
        }
        peer.abort();
    }
}
