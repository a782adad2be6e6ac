package org.eventdispatcher.tcp.client;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eventdispatcher.connection.ConnectionEvents;
import org.eventdispatcher.connection.Heartbeat;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.link.ClientLink;
import org.eventdispatcher.link.NotConnectedException;
import org.eventdispatcher.link.ReconnectPolicy;
import org.eventdispatcher.protocol.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.scheduling.TaskScheduler;

/**
 * A client connection that never gives up (PROTOCOL.md e), supervised. It is made of parts, each
 * tested alone:
 * <ul>
 * <li>the {@link ReconnectStateMachine}: attempts over the {@link ServerList}, with the pauses of
 * the {@link ReconnectPolicy} (backoff, failover), and the {@link ConnectionState};</li>
 * <li>the {@link Outbox}: what the application {@link #send(Message, boolean) sends}, the buffered
 * lines first, in flight until a connection proves itself;</li>
 * <li>the {@link CurrentConnection}: the connection of the moment, its {@link SilenceWatch} (stall
 * timeout, heartbeat), and its life told to the connection listeners.</li>
 * </ul>
 * It runs until the application stops or {@link #finish(String) the conversation is over}.
 *
 * <p>The sockets belong to a Spring Integration client connection factory; the link decides
 * <em>when</em> and <em>where</em> to ask it for a connection. Every wait is a task on the
 * {@link TaskScheduler}, so a client waiting for its server uses no thread and no CPU, and a quiet
 * healthy link costs one timer per heartbeat. What may wait on the server (an attempt: connect, TLS
 * handshake; an {@code ALIVE} probe) runs on the link's own executor, never on the scheduler, which
 * the whole daemon shares; giving up on a connection aborts it, which waits on nothing.
 */
public class PermanentConnection implements ClientLink, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PermanentConnection.class);

    private final ServerListConnectionFactory factory;
    private final ReconnectStateMachine attempts;
    private final Outbox outbox;
    private final CurrentConnection connection;
    private final Heartbeat heartbeat;
    private final Duration stallTimeout;
    private final ApplicationEventPublisher events;
    /** The pauses, for the log: "0.1s,0.5s less up to 20% jitter". */
    private final String pauses;

    /**
     * Registers with the factory as the one to tell about connections. Nothing happens until
     * {@link #start()}.
     *
     * @param scheduler the timers; nothing that may wait on the server runs on it
     * @param linkWork  runs what may wait on the server: attempts, probes
     * @param outbound  where every line to the server goes: the outbound adapter, {@link ClientConnectionWriter}
     */
    public PermanentConnection(
            ServerListConnectionFactory factory,
            ClientConnectionProperties properties,
            ReconnectPolicy policy,
            TaskScheduler scheduler,
            Executor linkWork,
            MessageDispatcher dispatcher,
            ConnectionEvents connectionEvents,
            ApplicationEventPublisher events,
            MessageChannel outbound) {
        this.factory = factory;
        this.heartbeat = properties.heartbeat();
        this.stallTimeout = properties.stallTimeout();
        this.events = events;
        this.pauses = policy.pauses().describe() + " less up to " + Math.round(policy.jitter() * 100) + "% jitter";
        this.attempts = new ReconnectStateMachine(
                properties.serverAddresses(), policy, scheduler, linkWork, factory::connect, this::publish);
        // the outbox tells the connection of the moment of each line awaiting an answer
        this.outbox = new Outbox(properties.buffer().newBuffer(), this::server, wire -> connection()
                .awaitsAnswer(wire));
        this.connection = new CurrentConnection(
                attempts,
                outbox,
                stallTimeout,
                heartbeat,
                scheduler,
                linkWork,
                dispatcher,
                connectionEvents,
                this::publish,
                outbound);
        factory.registerSender(connection);
        factory.observeConnections(connection);
    }

    private CurrentConnection connection() {
        return connection;
    }

    /** What the connection is doing now; an immutable snapshot. */
    public ConnectionState state() {
        return attempts.state();
    }

    /** {@code host:port} of the server in use, or of the next one to try. */
    public String server() {
        return attempts.state().server();
    }

    /** The server, while connected. */
    public Peer peer() {
        return connection.peer();
    }

    /** Only the current connection is the server: not a connection already replaced, nor a datagram. */
    @Override
    public boolean isServer(Peer peer) {
        return connection.isCurrent(peer);
    }

    /** Messages sent with cache that wait for the next connection. */
    public int buffered() {
        return outbox.buffered();
    }

    /** Messages sent with cache that were dropped for want of room, since start-up. */
    public long bufferDropped() {
        return outbox.dropped();
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
        outbox.send(ClientConnectionPeer.line(message), message.command(), awaitsAnswer(message), cache);
    }

    private boolean awaitsAnswer(Message message) {
        return CurrentConnection.awaitsAnswer(message, stallTimeout);
    }

    @Override
    public void start() {
        if (attempts.isRunning()) {
            return;
        }
        if (!factory.isRunning()) {
            factory.start(); // normally its inbound adapter has, in an earlier phase
        }
        outbox.start();
        log.info(
                "connecting to {}; pauses between attempts: {}; stall timeout {}; heartbeat {}",
                attempts.servers(),
                pauses,
                off(stallTimeout),
                heartbeat.idle().isZero()
                        ? "off"
                        : "ALIVE after " + FailureText.seconds(heartbeat.idle()) + " of silence, answer within "
                                + FailureText.seconds(heartbeat.timeout()));
        attempts.start();
    }

    @Override
    public void stop() {
        connection.stop();
    }

    @Override
    public boolean isRunning() {
        return attempts.isRunning();
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
        connection.finish(reason);
    }

    /**
     * One line from the server, as the inbound adapter delivers it: dispatched with the current
     * connection as its peer. The first proves the connection healthy. A line still arriving from a
     * connection already replaced is dropped.
     */
    public void received(byte[] line, String connectionId) {
        connection.received(line, connectionId);
    }

    /**
     * The end of the client's inbound flow: each line from the server, to the link that is there
     * when it arrives (looked up then, not injected: the link starts in its own, last phase).
     */
    public static MessageHandler receiver(Supplier<PermanentConnection> link) {
        return line -> link.get()
                .received((byte[]) line.getPayload(), line.getHeaders().get(IpHeaders.CONNECTION_ID, String.class));
    }

    private void publish(PermanentConnectionEvent.Kind kind, ConnectionState snapshot, String detail) {
        try {
            events.publishEvent(new PermanentConnectionEvent(this, kind, snapshot, detail));
        } catch (RuntimeException e) {
            // a closing context may refuse events; the state is still right
            log.debug("could not publish {} event: {}", kind, e.getMessage());
        }
    }

    private static String off(Duration duration) {
        return duration.isZero() ? "off" : FailureText.seconds(duration);
    }
}
