package org.eventdispatcher.tcp.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eventdispatcher.connection.ConnectionEvents;
import org.eventdispatcher.protocol.transport.HostPort;
import org.eventdispatcher.tcp.netty.IoTransport;
import org.eventdispatcher.tcp.server.flow.LineDispatcher;
import org.eventdispatcher.tcp.server.flow.LineInbound;
import org.eventdispatcher.tcp.server.flow.LineOutbound;
import org.eventdispatcher.tcp.tls.ServerTls;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.SubscribableChannel;

/**
 * The TCP server on Netty: a few event loops (one per core by default; native epoll where it
 * loads) accept and serve every connection through the {@link ServerPipeline}; each accepted
 * channel gets one {@link AcceptedConnection}. Its lines reach the handlers through a Spring
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
    private final @Nullable ServerTls tls;
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
    private volatile @Nullable Channel listener;
    private volatile int boundPort;

    /**
     * @param handlerThreads  where the connections' handlers run, each through a queue of its own;
     *                        null: on their event loops
     * @param tls             TLS on every connection; null: plaintext
     * @param handshakeFailed counts a failed TLS handshake
     * @param reports         what the server logs of its connections
     */
    public NettyTcpServer(
            TcpServerProperties properties,
            ConnectionSlots slots,
            @Nullable Executor handlerThreads,
            @Nullable ServerTls tls,
            Runnable handshakeFailed,
            ConnectionEvents events,
            ConnectionReports reports) {
        this.properties = properties;
        this.slots = slots;
        this.handlerThreads = handlerThreads;
        this.tls = tls;
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

    @Override
    public HostPort listenAddress() {
        return new HostPort(properties.listenAddress().host(), getPort());
    }

    @Override
    public int getPort() {
        int port = boundPort;
        return port > 0 ? port : properties.listenAddress().port();
    }

    @Override
    public boolean isListening() {
        return running && listener != null;
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
     * Binds the address and starts the event loops.
     *
     * @throws ListenException when the address cannot be bound
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
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(loops)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, properties.backlog())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true) // a peer lost to a crash or a NAT is found out
                    .childOption(ChannelOption.TCP_NODELAY, true) // replies are already batched: no Nagle delay
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true) // a peer that closes its side gets its replies
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, REPLY_BUFFER)
                    .childHandler(new ServerPipeline(this, properties, tls, handshakeFailed));
            running = true; // before the first accept: a connection to a stopped server is closed
            HostPort address = properties.listenAddress();
            ChannelFuture bound = bootstrap.bind(address.toSocketAddress()).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                running = false;
                loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                throw new ListenException(address, asBindException(bound.cause()));
            }
            eventLoops = loops;
            sweep = new ConnectionSweep(
                    connections,
                    loops.next(),
                    properties.heartbeat().isOn() ? properties.heartbeat() : null,
                    properties.lineTimeout());
            listener = bound.channel();
            boundPort = ((InetSocketAddress) bound.channel().localAddress()).getPort();
            transport.logChoice(properties.nativeTransport(), loopCount);
        } finally {
            lifecycle.unlock();
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
            Channel channel = listener;
            listener = null;
            if (channel != null) {
                channel.close().awaitUninterruptibly(STOP_TIMEOUT.toMillis());
            }
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
    AcceptedConnection accepted(Channel channel) {
        AcceptedConnection connection =
                new AcceptedConnection(channel, this, handlerThreads != null ? new SerialQueue(handlerThreads) : null);
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

    /** Netty's native transport reports a taken address as a plain I/O error: name it as the JDK does. */
    private static Throwable asBindException(Throwable cause) {
        if (cause instanceof BindException
                || cause.getMessage() == null
                || !cause.getMessage().contains("Address already in use")) {
            return cause;
        }
        BindException bind = new BindException("Address already in use");
        bind.setStackTrace(cause.getStackTrace());
        return bind;
    }
}
