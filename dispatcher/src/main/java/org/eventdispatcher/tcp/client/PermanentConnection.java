package org.eventdispatcher.tcp.client;

import org.eventdispatcher.connection.Heartbeat;
import java.io.EOFException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

import javax.net.ssl.SSLException;

import org.eventdispatcher.dispatch.ClientLink;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.link.NotConnectedException;
import org.eventdispatcher.link.ReconnectBuffer;
import org.eventdispatcher.link.ReconnectPolicy;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.link.Durations;
import org.eventdispatcher.connection.HeartbeatTimeoutException;
import org.eventdispatcher.protocol.transport.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.scheduling.TaskScheduler;

/**
 * A client connection that never gives up (PROTOCOL.md e), supervised:
 * <ul>
 * <li><b>backoff</b>: whenever an attempt fails or an open connection ends, it tries again after
 * the next pause of its {@link ReconnectPolicy}. The pauses start over only once a connection has
 * proven healthy, by a line from the server: a server that accepts and closes at once (a full
 * one) is tried less and less often, not flooded;</li>
 * <li><b>failover</b>: attempts walk its {@link ServerList}, the preferred server first;</li>
 * <li><b>silence</b>: a server that does not answer a line within the stall timeout, or stays
 * quiet for the heartbeat's idle time and then does not answer {@code ALIVE}, is dropped and
 * reconnected to ({@link LinkSilence}); one that says nothing within the stall timeout of the
 * connection (no greeting) is a failed attempt;</li>
 * <li><b>buffer</b>: what the application {@link #send(Message, boolean) sends with cache} while
 * disconnected waits in a {@link ReconnectBuffer}, and goes first on the next connection; it
 * leaves the buffer once that connection proves healthy, and is sent again on the next one should
 * it die before.</li>
 * </ul>
 * It runs until the application stops or {@link #finish(String) the conversation is over}.
 *
 * <p>The sockets belong to a Spring Integration client connection factory; this class only decides
 * <em>when</em> and <em>where</em> to ask it for a connection. Every wait is a task on the
 * {@link TaskScheduler}, so a client waiting for its server uses no thread and no CPU, and a quiet
 * healthy link costs one timer per heartbeat. What may wait on the server (an attempt: connect, TLS
 * handshake; an {@code ALIVE} probe) runs on the link's own executor, never on the scheduler, which
 * the whole daemon shares; giving up on a connection aborts it, which waits on nothing. The factory
 * tells this class about each connection it opens or loses through the {@link TcpSender}
 * callbacks, before the first line is read and after the socket is closed, whoever closed it.
 */
public class PermanentConnection implements ClientLink, SmartLifecycle, TcpSender, ApplicationListener<TcpConnectionEvent> {

    private static final Logger log = LoggerFactory.getLogger(PermanentConnection.class);

    private static final String SERVER_CLOSED = "the server closed the connection";
    /** Worded as the other closes of a connection that never proved itself ("...before saying anything"). */
    private static final String SAID_NOTHING = "the server was silent for ";
    private static final byte[] ALIVE = "ALIVE".getBytes(StandardCharsets.US_ASCII);

    private final ServerListConnectionFactory factory;
    private final ServerList servers;
    private final ReconnectPolicy policy;
    private final Heartbeat heartbeat;
    private final Duration stallTimeout;
    private final TaskScheduler scheduler;
    private final Executor linkWork;
    private final MessageDispatcher dispatcher;
    private final ApplicationEventPublisher events;

    /** Guards every field below; never held while connecting, writing, closing a socket or publishing. */
    private final Object lock = new Object();
    /** Held while a message is sent, and while the buffer is written to a new connection: keeps their order. */
    private final Object sendLock = new Object();
    private boolean running;
    private boolean finished;
    private ClientConnectionPeer current;
    /** What was buffered has been written to the current connection: new messages may follow. */
    private boolean ready;
    /** The server sent a line on the current connection. */
    private boolean proven;
    /** Connections in this outage that closed before the server said anything. */
    private int silentCloses;
    /** Why the current connection is ending, when we know better than "closed". */
    private String closeReason;
    private ScheduledFuture<?> nextAttempt;
    private LinkSilence silence;
    private ScheduledFuture<?> silenceTimer;
    private long silenceTimerDue;
    private final ReconnectBuffer buffer;
    private boolean dropsReported;
    private volatile ConnectionState state;

    /**
     * Registers itself with the factory as the one to tell about connections. Nothing happens
     * until {@link #start()}.
     *
     * @param scheduler the timers; nothing that may wait on the server runs on it
     * @param linkWork  runs what may wait on the server: attempts, probes
     */
    public PermanentConnection(ServerListConnectionFactory factory, ClientConnectionProperties properties,
            ReconnectPolicy policy, TaskScheduler scheduler, Executor linkWork, MessageDispatcher dispatcher,
            ApplicationEventPublisher events) {
        this.factory = factory;
        this.servers = new ServerList(properties.serverAddresses());
        this.policy = policy;
        this.heartbeat = properties.heartbeat();
        this.stallTimeout = properties.stallTimeout();
        this.scheduler = scheduler;
        this.linkWork = linkWork;
        this.dispatcher = dispatcher;
        this.events = events;
        this.buffer = new ReconnectBuffer(properties.buffer().maxMessages(), properties.buffer().maxBytes().toBytes());
        this.state = ConnectionState.initial(servers.next().toString(), now());
        factory.registerSender(this);
    }

    /** What the connection is doing now; an immutable snapshot. */
    public ConnectionState state() {
        return state;
    }

    /** {@code host:port} of the server in use, or of the next one to try. */
    public String server() {
        return state.server();
    }

    /** The server, while connected. */
    public Peer peer() {
        synchronized (lock) {
            return current;
        }
    }

    /** Only the current connection is the server: not a connection already replaced, nor a datagram. */
    @Override
    public boolean isServer(Peer peer) {
        synchronized (lock) {
            return peer != null && peer == current;
        }
    }

    /** Messages sent with cache that wait for the next connection. */
    public int buffered() {
        synchronized (lock) {
            return buffer.size();
        }
    }

    /** Messages sent with cache that were dropped for want of room, since start-up. */
    public long bufferDropped() {
        synchronized (lock) {
            return buffer.dropped();
        }
    }

    /** Sends a message to the server now; see {@link #send(Message, boolean)}. */
    public void send(Message message) {
        send(message, false);
    }

    /**
     * Sends a message to the server, as upstream's {@code send_message(msg, cache)}.
     *
     * @param cache while disconnected, keep the message and send it first thing on the next
     *              connection, in order (the oldest are dropped past the buffer's bounds); false:
     *              refuse it
     * @throws NotConnectedException when disconnected and {@code cache} is false, or the
     *                               conversation is over
     */
    public void send(Message message, boolean cache) {
        byte[] line = ClientConnectionPeer.line(message);
        synchronized (sendLock) {
            ClientConnectionPeer peer;
            boolean opening;
            synchronized (lock) {
                if (finished) {
                    throw new NotConnectedException("the conversation with " + state.server() + " is over: "
                            + message.command() + " not sent");
                }
                peer = ready ? current : null;
                opening = current != null && !ready;
            }
            if (peer != null) {
                sent(peer.id(), message);
                if (peer.write(line)) {
                    return;
                }
            }
            if (!cache && !opening) {
                throw new NotConnectedException("not connected to " + state.server() + ": " + message.command()
                        + " not sent (send it with cache to have it sent once the connection is back)");
            }
            keep(line, message.command()); // while a connection opens, behind what waits for it
        }
    }

    private void keep(byte[] line, String command) {
        int dropped;
        int kept;
        boolean report;
        synchronized (lock) {
            dropped = buffer.add(line);
            kept = buffer.size();
            report = dropped > 0 && !dropsReported;
            dropsReported |= report;
        }
        if (report) {
            log.warn("reconnect buffer full ({} kept): dropped the oldest message{} to keep {}; the next ones dropped"
                    + " while disconnected are counted, not logged", kept, dropped > 1 ? "s" : "", command);
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
            log.info("connecting to {}; pauses between attempts: {} less up to {}% jitter; stall timeout {};"
                    + " heartbeat {}", servers, policy.pauses().describe(), Math.round(policy.jitter() * 100),
                    off(stallTimeout), heartbeat.idle().isZero() ? "off"
                            : "ALIVE after " + seconds(heartbeat.idle()) + " of silence, answer within "
                                    + seconds(heartbeat.timeout()));
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
                state = state.disconnected(now(), null, state.server(), null);
            }
        }
        if (peer != null) {
            peer.abort(); // a TLS close could wait on a server that reads nothing: the stop would hang
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
     * The conversation is over ({@code BYE}): closes the connection, forgets what was buffered and
     * never connects again, even while the application is still stopping.
     */
    @Override
    public void finish(String reason) {
        ClientConnectionPeer peer;
        synchronized (lock) {
            finished = true;
            cancelTimers();
            buffer.clear();
            peer = current;
            closeReason = reason;
            if (peer == null) {
                state = state.disconnected(now(), null, state.server(), null);
            }
        }
        log.info("{}: closing the connection to {}; no more reconnects", reason, state.server());
        if (peer != null) {
            peer.close();
        }
    }

    /**
     * One line from the server, as the inbound adapter delivers it: dispatched with the current
     * connection as its peer. The first proves the connection healthy. A line still arriving from a
     * connection already replaced is dropped.
     */
    public void received(byte[] line, String connectionId) {
        ClientConnectionPeer peer;
        boolean first = false;
        synchronized (lock) {
            peer = current;
            if (peer == null || !peer.id().equals(connectionId)) {
                peer = null;
            } else {
                silence.read(millis());
                if (!proven) {
                    first = proven = true;
                    buffer.delivered();
                    policy.connected();
                    servers.healthy();
                    silentCloses = 0;
                    state = state.proven();
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

    private void attempt() {
        ConnectionState attempting;
        HostPort server;
        synchronized (lock) {
            nextAttempt = null;
            if (!running || finished || current != null) {
                return;
            }
            server = servers.next();
            state = state.connecting(now(), server.toString());
            attempting = state;
        }
        String error;
        try {
            publish(PermanentConnectionEvent.Kind.ATTEMPT, attempting, null);
            factory.connect(server); // bounded: connect timeout, then handshake timeout
            // Success was reported to addNewConnection before connect returned. Should the state
            // still say CONNECTING, that connection was never counted, and nothing else would
            // schedule the next attempt: treat it as a failure.
            error = "the connection closed as soon as it opened";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (RuntimeException | Error e) {
            // whatever failed, the next attempt is scheduled: a client never gives up
            error = describe(e, server.toString());
            if (e instanceof VirtualMachineError fatal) {
                failed(error);
                throw fatal;
            }
        }
        failed(error);
    }

    /** Schedules the next attempt, unless the attempt under way has already been settled. */
    private void failed(String error) {
        Duration pause;
        String server;
        ConnectionState failed;
        synchronized (lock) {
            if (!running || finished || state.status() != ConnectionState.Status.CONNECTING) {
                return;
            }
            server = state.server();
            pause = pauseAfterFailure();
            state = state.disconnected(now(), error, servers.next().toString(), now().plus(pause));
            failed = state;
        }
        if (failed.attemptsSinceSuccess() == 1) {
            log.warn("cannot connect to {}: {}; trying again {}, and on until one answers", server, error,
                    when(pause, failed.server()));
        } else {
            log.debug("attempt {} to connect to {} failed: {}; next {}", failed.attemptsSinceSuccess(), server, error,
                    when(pause, failed.server()));
        }
        // told before the next attempt is armed: the next server is tried at once, on another link
        // thread, which could otherwise connect, and say so, before this failure is told
        publish(PermanentConnectionEvent.Kind.ATTEMPT_FAILED, failed, error);
        synchronized (lock) {
            if (running && !finished && state == failed) {
                armAttempt(failed.nextAttempt());
            }
        }
    }

    /** The next server at once, or, once each has failed, the first after the policy's pause. */
    private Duration pauseAfterFailure() {
        return servers.failed() ? policy.nextPause() : Duration.ZERO;
    }

    /**
     * The factory opened a connection: it is ours, and reading has not started yet (nor can it
     * be written to: the factory sets it up after telling us).
     */
    @Override
    public void addNewConnection(TcpConnection connection) {
        ClientConnectionPeer peer = new ClientConnectionPeer(connection, servers.next().toString(),
                message -> sent(connection.getConnectionId(), message));
        ConnectionState connected = null;
        boolean quietly = false;
        synchronized (lock) {
            if (running && !finished && current == null) {
                current = peer;
                ready = false;
                proven = false;
                closeReason = null;
                quietly = silentCloses > 0;
                state = state.connected(now());
                silence = new LinkSilence(stallTimeout, heartbeat.idle(), heartbeat.timeout(), millis());
                silenceTimer = null;
                armSilenceTimer(peer);
                connected = state;
            }
        }
        if (connected == null) {
            log.debug("closing {}: not wanted (stopping, finished or already connected)", connection.getConnectionId());
            connection.close();
            return;
        }
        if (quietly) {
            log.debug("connected to {} again", peer.address());
        } else {
            log.info("connected to {} from {}{}", peer.address(), peer.localAddress(),
                    connected.attemptsSinceSuccess() > 1 ? " after " + connected.attemptsSinceSuccess() + " attempts"
                            : "");
        }
        publish(PermanentConnectionEvent.Kind.CONNECTED, connected, null);
    }

    /**
     * The connection is set up, and its reading thread about to read the first line: what was
     * buffered goes first, before any reply and any new message.
     */
    private void opened(String connectionId) {
        synchronized (sendLock) {
            ClientConnectionPeer peer;
            synchronized (lock) {
                peer = current != null && current.id().equals(connectionId) ? current : null;
            }
            if (peer == null) {
                return;
            }
            writeBuffered(peer);
            synchronized (lock) {
                ready = current == peer;
            }
        }
    }

    /** Called with the send lock held; stops at the first line the connection does not take. */
    private void writeBuffered(ClientConnectionPeer peer) {
        int written = 0;
        while (true) {
            byte[] line;
            synchronized (lock) {
                line = current == peer ? buffer.peek() : null;
                if (line == null) {
                    dropsReported = false;
                    break;
                }
            }
            if (!peer.write(line)) {
                break;
            }
            synchronized (lock) {
                if (buffer.peek() == line && current == peer) { // finish() may have emptied it meanwhile
                    if (proven) {
                        buffer.remove(); // the server spoke while the buffer was being written
                    } else {
                        buffer.written(); // kept until the connection proves itself
                    }
                }
                // a connection gone meanwhile leaves the line at the head, for the next one
                if (current == peer && silence.wrote(millis())) {
                    armSilenceTimer(peer);
                }
            }
            written++;
        }
        if (written > 0) {
            log.info("sent {} buffered message{} to {}", written, written > 1 ? "s" : "", peer.address());
        }
    }

    /** A message went out on a connection: unless it is one never answered, the server owes a line. */
    private void sent(String connectionId, Message message) {
        if (message.isNeverAnswered() || stallTimeout.isZero()) {
            return;
        }
        synchronized (lock) {
            ClientConnectionPeer peer = current;
            if (peer != null && peer.id().equals(connectionId) && silence.wrote(millis())) {
                armSilenceTimer(peer);
            }
        }
    }

    /** The factory closed a connection (EOF, reset, failed write, silence, stop): reconnect unless done. */
    @Override
    public void removeDeadConnection(TcpConnection connection) {
        String reason;
        Duration pause = null;
        boolean silentClose = false;
        ConnectionState lost;
        synchronized (lock) {
            if (current == null || !current.id().equals(connection.getConnectionId())) {
                return;
            }
            current = null;
            ready = false;
            if (!proven) {
                buffer.undelivered();
            }
            reason = closeReason != null ? closeReason : "the connection closed";
            closeReason = null;
            cancel(silenceTimer);
            silenceTimer = null;
            if (running && !finished) {
                if (proven) {
                    pause = policy.nextPause(); // the policy starts over; so does the server list
                } else {
                    // accepted, then closed before a word: as good as a failed attempt
                    silentClose = true;
                    silentCloses++;
                    reason = reason.equals(SERVER_CLOSED) ? "the server closed the connection before saying anything"
                            : reason.startsWith(SAID_NOTHING) ? reason : reason + " (before the server said anything)";
                    pause = pauseAfterFailure();
                }
                scheduleAttempt(pause, reason);
            } else {
                state = state.disconnected(now(), null, state.server(), null);
            }
            lost = state;
        }
        if (pause == null) {
            log.debug("closed the connection to {}: {}", connection.getHostName(), reason);
        } else if (silentClose && silentCloses > 1) {
            log.debug("lost the connection again: {}; reconnecting {}", reason, when(pause, lost.server()));
        } else {
            log.warn("lost the connection to {}: {}; reconnecting {}", peerAddress(connection), reason,
                    when(pause, lost.server()));
        }
        publish(PermanentConnectionEvent.Kind.LOST, lost, reason);
    }

    /**
     * A connection is open: the buffer goes out. A connection failed: its cause (reset, EOF, line
     * too long) is kept for the log and the state.
     */
    @Override
    public void onApplicationEvent(TcpConnectionEvent event) {
        if (event instanceof TcpConnectionOpenEvent) {
            opened(event.getConnectionId());
        } else if (event instanceof TcpConnectionExceptionEvent failure) {
            synchronized (lock) {
                if (current != null && current.id().equals(event.getConnectionId()) && closeReason == null) {
                    closeReason = describe(failure.getCause(), current.address());
                }
            }
        }
    }

    /**
     * The silence timer of one connection fired: acts on what is due now (which a line received
     * meanwhile may have settled), then re-arms for what remains.
     */
    private void silenceCheck(ClientConnectionPeer peer) {
        LinkSilence.Due due;
        synchronized (lock) {
            if (current != peer) {
                return;
            }
            silenceTimer = null;
            due = silence.due(millis());
            switch (due) {
                case PROBE -> silence.probed(millis());
                case STALLED -> closeReason = proven
                        ? "no answer from the server for " + seconds(stallTimeout) + " (stall timeout)"
                        : SAID_NOTHING + seconds(stallTimeout) + " (stall timeout), closed before saying anything";
                case NO_HEARTBEAT -> closeReason = "no answer to ALIVE within " + seconds(heartbeat.timeout())
                        + " after " + seconds(heartbeat.idle()) + " of silence (heartbeat)";
                case NOTHING -> { }
            }
            if (due == LinkSilence.Due.PROBE || due == LinkSilence.Due.NOTHING) {
                armSilenceTimer(peer);
            }
        }
        switch (due) {
            case PROBE -> linkWork.execute(() -> peer.write(ALIVE)); // may wait for room in the socket
            case STALLED -> peer.abort();
            case NO_HEARTBEAT -> {
                publishFailure(peer, new HeartbeatTimeoutException(heartbeat.idle(), heartbeat.timeout()));
                peer.abort();
            }
            case NOTHING -> { }
        }
    }

    /**
     * One timer per connection, for the earliest deadline. Left alone when it fires no later than
     * that: a line received moves deadlines later, and the timer, firing early, re-arms for what
     * remains. So lines cost no timer, and no cancelled task waits in the scheduler for its time.
     */
    private void armSilenceTimer(ClientConnectionPeer peer) {
        long deadline = silence.nextDeadline();
        if (deadline == LinkSilence.NONE || (silenceTimer != null && silenceTimerDue <= deadline)) {
            return;
        }
        cancel(silenceTimer);
        silenceTimerDue = deadline;
        silenceTimer = scheduler.schedule(() -> silenceCheck(peer), Instant.ofEpochMilli(deadline));
    }

    private void scheduleAttempt(Duration delay, String error) {
        Instant at = now().plus(delay);
        state = state.disconnected(now(), error, servers.next().toString(), at);
        armAttempt(at);
    }

    private void armAttempt(Instant at) {
        nextAttempt = scheduler.schedule(() -> linkWork.execute(this::attempt), at);
    }

    private void cancelTimers() {
        cancel(nextAttempt);
        cancel(silenceTimer);
        nextAttempt = null;
        silenceTimer = null;
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private Instant now() {
        return scheduler.getClock().instant();
    }

    private long millis() {
        return scheduler.getClock().millis();
    }

    private void publish(PermanentConnectionEvent.Kind kind, ConnectionState snapshot, String detail) {
        try {
            events.publishEvent(new PermanentConnectionEvent(this, kind, snapshot, detail));
        } catch (RuntimeException e) {
            // a closing context may refuse events; the state is still right
            log.debug("could not publish {} event: {}", kind, e.getMessage());
        }
    }

    /** As the server side reports its failures: the metrics count heartbeat failures from these. */
    private void publishFailure(ClientConnectionPeer peer, Throwable failure) {
        try {
            events.publishEvent(new TcpConnectionExceptionEvent(peer.connection(), factory.getComponentName(),
                    failure));
        } catch (RuntimeException e) {
            log.debug("could not publish the failure of {}: {}", peer.id(), e.getMessage());
        }
    }

    private String when(Duration pause, String server) {
        return (pause.isZero() ? "at once" : "in " + seconds(pause)) + (servers.size() > 1 ? " with " + server : "");
    }

    private static String peerAddress(TcpConnection connection) {
        return connection.getHostAddress() + ":" + connection.getPort();
    }

    /** The innermost message of a failure: "Connection refused", not three layers of wrapping. */
    static String describe(Throwable failure) {
        return describe(failure, "the server");
    }

    /** As {@link #describe(Throwable)}, naming the server whose certificate a TLS failure is about. */
    static String describe(Throwable failure, String server) {
        Throwable cause = failure;
        boolean certificate = false;
        boolean tls = false;
        while (true) {
            certificate |= cause instanceof GeneralSecurityException; // certificate, path building, validation
            tls |= cause instanceof SSLException;
            if (cause.getCause() == null || cause.getCause() == cause || cause instanceof SoftEndOfStreamException) {
                break;
            }
            cause = cause.getCause();
        }
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        if (certificate) {
            return "certificate of " + server + " not trusted: " + message;
        }
        if (tls) {
            return "TLS handshake with " + server + " failed: " + message;
        }
        if (cause instanceof SoftEndOfStreamException || cause instanceof EOFException) {
            return SERVER_CLOSED;
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static String off(Duration duration) {
        return duration.isZero() ? "off" : seconds(duration);
    }

    static String seconds(Duration duration) {
        return Durations.seconds(Duration.ofMillis(duration.toMillis()));
    }
}
