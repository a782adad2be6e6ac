package org.eventdispatcher.tcp.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eventdispatcher.connection.ConnectionEvents;
import org.eventdispatcher.protocol.transport.Endpoint;
import org.eventdispatcher.protocol.transport.HostPort;
import org.eventdispatcher.tcp.netty.IoTransport;
import org.eventdispatcher.tcp.server.flow.LineDispatcher;
import org.eventdispatcher.tcp.server.flow.LineInbound;
import org.eventdispatcher.tcp.server.flow.LineOutbound;
import org.eventdispatcher.tcp.server.listener.Listener;
import org.eventdispatcher.tcp.server.listener.ListenerChannels;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.SubscribableChannel;

/**
 * The TCP server on Netty: a few event loops (one per core by default; native epoll where it
 * loads) accept and serve every connection, on each of its listeners (TCP or Unix-domain), through
 * the {@link ServerPipeline}; each accepted channel gets one {@link AcceptedConnection}. Its lines reach the handlers through a Spring
 * Integration flow: the {@link #inbound() inbound adapter}, the {@link LineDispatcher}, the
 * {@link #replies() replies channel} and the {@link #outbound() outbound adapter}
 * ({@code TcpServerAutoConfiguration} declares it). Its connections' lives are told to the
 * {@link ConnectionEvents}' listeners directly.
 *
 * <p>Starts last and stops first among the daemon's lifecycle beans: the flow is ready before
 * the first connection, and every connection is closed before the flow stops.
 */
public class NettyTcpServer implements SmartLifecycle, ListeningServer {

    private static final Logger log = LoggerFactory.getLogger(NettyTcpServer.class);

    /** Longest wait in {@link #stop()} for the event loops to close their connections. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);

    private static final Duration HANDLER_THREADS_QUIET_PERIOD = Duration.ofMillis(100);

    /** Write-buffer water marks: Netty's defaults, named for what they do here (backpressure). */
    private static final WriteBufferWaterMark REPLY_BUFFER = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private final TcpServerProperties properties;
    private final ConnectionSlots slots;
    private final @Nullable Executor handlerThreads;
    private final List<Listener> listeners;
    private final Runnable handshakeFailed;
    private final ConnectionEvents events;
    private final ConnectionReports reports;
    private final LineInbound inbound = new LineInbound();
    private final LineOutbound outbound = new LineOutbound();
    private final DirectChannel replies = new DirectChannel();
    private final Set<AcceptedConnection> connections = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lifecycle = new ReentrantLock();
    private volatile boolean running;
    private @Nullable EventLoopGroup eventLoops;
    private volatile @Nullable ConnectionSweep sweep;
    /** The listeners' server channels while listening, in the order of {@link #listeners}. */
    private volatile List<Channel> bound = List.of();

    /**
     * @param handlerThreads  where the connections' handlers run, each through a queue of its own;
     *                        null: on their event loops
     * @param listeners       where it listens, each with its TLS; at least one
     * @param handshakeFailed counts a failed TLS handshake
     * @param reports         what the server logs of its connections
     */
    public NettyTcpServer(
            TcpServerProperties properties,
            ConnectionSlots slots,
            @Nullable Executor handlerThreads,
            List<Listener> listeners,
            Runnable handshakeFailed,
            ConnectionEvents events,
            ConnectionReports reports) {
        this.properties = properties;
        this.slots = slots;
        this.handlerThreads = handlerThreads;
        this.listeners = List.copyOf(listeners);
        this.handshakeFailed = handshakeFailed;
        this.events = events;
        this.reports = reports;
    }

    /** The flow's start: each line read, with its connection in the header. */
    public LineInbound inbound() {
        return inbound;
    }

    /** Every line the server writes passes here, on its way to the outbound adapter. */
    public SubscribableChannel replies() {
        return replies;
    }

    /** The flow's end: writes each line to the connection in its header. */
    public LineOutbound outbound() {
        return outbound;
    }

    @Override
    public ConnectionSlots slots() {
        return slots;
    }

    /** The first TCP listener's address, with the bound port once listening; else the first listener's. */
    @Override
    public Endpoint listenAddress() {
        List<ListenerStatus> statuses = listeners();
        return statuses.stream()
                .map(ListenerStatus::address)
                .filter(HostPort.class::isInstance)
                .findFirst()
                .orElse(statuses.get(0).address());
    }

    @Override
    public int getPort() {
        return listenAddress() instanceof HostPort tcp ? tcp.port() : 0;
    }

    @Override
    public boolean isListening() {
        return running && !bound.isEmpty();
    }

    @Override
    public List<ListenerStatus> listeners() {
        List<Channel> channels = bound;
        boolean listening = running && !channels.isEmpty();
        List<ListenerStatus> statuses = new ArrayList<>(listeners.size());
        for (int i = 0; i < listeners.size(); i++) {
            Listener listener = listeners.get(i);
            Endpoint address = ListenerChannels.boundAddress(listener, listening ? channels.get(i) : null);
            long open = connections.stream().filter(c -> c.origin() == listener).count();
            statuses.add(new ListenerStatus(listener.name(), address, listening, open));
        }
        return statuses;
    }

    @Override
    public List<String> getOpenConnectionIds() {
        return connections.stream().map(AcceptedConnection::id).toList();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Starts the event loops and binds every listener on them; all or none.
     *
     * @throws ListenException naming the listener that cannot be bound
     */
    @Override
    public void start() {
        lifecycle.lock();
        try {
            if (running) {
                return;
            }
            IoTransport transport = IoTransport.choose(properties.nativeTransport());
            int loopCount = properties.eventLoops() > 0
                    ? properties.eventLoops()
                    : Runtime.getRuntime().availableProcessors();
            EventLoopGroup loops = transport.eventLoops(loopCount, "tcp-server");
            running = true; // before the first accept: a connection to a stopped server is closed
            List<Channel> channels = new ArrayList<>();
            try {
                for (Listener listener : listeners) {
                    channels.add(bind(listener, transport, loops));
                }
            } catch (ListenException e) {
                running = false;
                closeListeners(channels);
                loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                throw e;
            }
            eventLoops = loops;
            sweep = new ConnectionSweep(
                    connections,
                    loops.next(),
                    properties.heartbeat().isOn() ? properties.heartbeat() : null,
                    properties.lineTimeout());
            bound = List.copyOf(channels);
            transport.logChoice(properties.nativeTransport(), loopCount);
        } finally {
            lifecycle.unlock();
        }
    }

    /** One listener's server channel, on the shared event loops, through the one pipeline. */
    private Channel bind(Listener listener, IoTransport transport, EventLoopGroup loops) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .option(ChannelOption.SO_BACKLOG, properties.backlog())
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true) // a peer that closes its side gets its replies
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, REPLY_BUFFER)
                .childHandler(new ServerPipeline(this, properties, listener, handshakeFailed));
        try {
            return ListenerChannels.bind(listener, bootstrap, transport, STOP_TIMEOUT);
        } catch (IOException | IllegalStateException e) {
            throw new ListenException(listener, e);
        }
    }

    /** Stops accepting: the server channels close, and the socket files go. */
    private void closeListeners(List<Channel> channels) {
        for (int i = 0; i < channels.size(); i++) {
            ListenerChannels.close(listeners.get(i), channels.get(i), STOP_TIMEOUT);
        }
    }

    /**
     * Stops accepting, then closes every connection (writing first what the peer takes at once),
     * on all event loops at the same time, and waits at most a second for them to finish.
     */
    @Override
    public void stop() {
        lifecycle.lock();
        try {
            running = false;
            sweep = null;
            List<Channel> channels = bound;
            bound = List.of();
            closeListeners(channels);
            connections.forEach(AcceptedConnection::close);
            EventLoopGroup loops = eventLoops;
            eventLoops = null;
            if (loops != null) {
                // what is queued (the closes) runs, then the loops end. With handlers on threads of
                // their own, their last writes come back to the loops: a short quiet period keeps
                // the loops taking them until none comes
                long quiet = handlerThreads != null ? HANDLER_THREADS_QUIET_PERIOD.toMillis() : 0;
                loops.shutdownGracefully(quiet, STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (!loops.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("the event loops did not close their connections within {}", STOP_TIMEOUT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lifecycle.unlock();
        }
    }

    /** The connection of a channel that just became active; closed at once when the server is stopping. */
    AcceptedConnection accepted(Channel channel, Listener listener) {
        AcceptedConnection connection = new AcceptedConnection(
                channel, this, listener, handlerThreads != null ? new SerialQueue(handlerThreads) : null);
        connections.add(connection);
        if (!running) {
            connection.close();
        }
        ConnectionSweep timers = sweep;
        if (timers != null) {
            timers.wake();
        }
        return connection;
    }

    /** A closed connection, forgotten. */
    void forget(AcceptedConnection connection) {
        connections.remove(connection);
    }

    boolean handlersOnOwnThreads() {
        return handlerThreads != null;
    }

    ConnectionEvents events() {
        return events;
    }

    ConnectionReports reports() {
        return reports;
    }

    Duration sendTimeout() {
        return properties.sendTimeout();
    }
}
