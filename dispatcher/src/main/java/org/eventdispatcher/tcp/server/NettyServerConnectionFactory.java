package org.eventdispatcher.tcp.server;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.EventExecutor;
import org.eventdispatcher.protocol.transport.HostPort;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;

/**
 * A Spring Integration server connection factory on Netty: a few event loops (one per core by
 * default; native epoll where it loads) accept and serve every connection through the
 * {@link ServerPipeline}. The inbound and outbound channel adapters, the connection events and
 * the message mapper are Spring Integration's, as with its own factories.
 *
 * <p>Spring Integration's NIO factory is not used: it hands the lines of one socket to different
 * pool threads, so replies can overtake each other, and every line crosses threads twice.
 */
public class NettyServerConnectionFactory extends AbstractServerConnectionFactory implements ListeningServer {

    private static final Logger log = LoggerFactory.getLogger(NettyServerConnectionFactory.class);

    /** Longest wait in {@link #stop()} for the event loops to close their connections. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration HANDLER_THREADS_QUIET_PERIOD = Duration.ofMillis(100);

    /** Write-buffer water marks: Netty's defaults, named for what they do here (backpressure). */
    private static final WriteBufferWaterMark REPLY_BUFFER = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private final HostPort address;
    private final ConnectionSlots slots;
    private final TcpServerProperties properties;
    private final HandlerThreads.@Nullable ExecutorFactory handlerExecutors;
    private final @Nullable ServerTls tls;
    private final Runnable handshakeFailed;
    private @Nullable EventLoopGroup eventLoops;
    private volatile @Nullable ConnectionSweep sweep;
    private @Nullable Channel listener;
    private volatile int boundPort;

    /**
     * @param handlerExecutors where each connection's handlers run; null: on its event loop
     * @param tls              TLS on every connection; null: plaintext
     * @param handshakeFailed  counts a failed TLS handshake
     */
    public NettyServerConnectionFactory(TcpServerProperties properties, ConnectionSlots slots,
            HandlerThreads.@Nullable ExecutorFactory handlerExecutors, @Nullable ServerTls tls,
            Runnable handshakeFailed) {
        super(properties.listenAddress().port());
        this.address = properties.listenAddress();
        this.slots = slots;
        this.properties = properties;
        this.handlerExecutors = handlerExecutors;
        this.tls = tls;
        this.handshakeFailed = handshakeFailed;
        setLocalAddress(address.host());
        setBacklog(properties.backlog());
    }

    @Override
    public ConnectionSlots slots() {
        return slots;
    }

    @Override
    public HostPort listenAddress() {
        return new HostPort(address.host(), getPort());
    }

    @Override
    public int getPort() {
        int port = boundPort;
        return port > 0 ? port : super.getPort();
    }

    @Override
    public @Nullable SocketAddress getServerSocketAddress() {
        Channel channel = listener;
        return channel != null ? channel.localAddress() : null;
    }

    @Override
    public String getComponentType() {
        return "netty-server-connection-factory";
    }

    /**
     * Binds the address and starts the event loops.
     *
     * @throws ListenException when the address cannot be bound
     */
    @Override
    public void start() {
        this.lifecycleMonitor.lock();
        try {
            if (isActive()) {
                return;
            }
            IoTransport transport = IoTransport.choose(properties.nativeTransport());
            int loopCount = properties.eventLoops() > 0 ? properties.eventLoops()
                    : Runtime.getRuntime().availableProcessors();
            EventLoopGroup loops = transport.eventLoops(loopCount, "tcp-server");
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(loops)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, getBacklog())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true) // a peer lost to a crash or a NAT is found out
                    .childOption(ChannelOption.TCP_NODELAY, true) // replies are already batched: no Nagle delay
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true) // a peer that closes its side gets its replies
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, REPLY_BUFFER)
                    .childHandler(new ServerPipeline(this, slots, (int) properties.maxLineLength().toBytes(),
                            properties.sendTimeout(), properties.idleTimeout(), tls, handshakeFailed, handlerExecutors));
            setActive(true); // before the first accept: a connection to an inactive factory is closed
            ChannelFuture bound = bootstrap.bind(address.toSocketAddress()).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                setActive(false);
                loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                throw new ListenException(address, asBindException(bound.cause()));
            }
            eventLoops = loops;
            sweep = new ConnectionSweep(this.connections.values(), loops.next(),
                    properties.heartbeat().isOn() ? properties.heartbeat() : null, properties.lineTimeout());
            listener = bound.channel();
            boundPort = ((InetSocketAddress) bound.channel().localAddress()).getPort();
            setListening(true);
            transport.logChoice(properties.nativeTransport(), loopCount);
            publishServerListeningEvent(boundPort);
        } finally {
            this.lifecycleMonitor.unlock();
        }
    }

    /** The loops do everything; there is no accept thread to run. */
    @Override
    public void run() {
    }

    /**
     * Stops accepting, then closes every connection (writing first what the peer takes at once),
     * on all event loops at the same time, and waits at most a second for them to finish.
     */
    @Override
    public void stop() {
        this.lifecycleMonitor.lock();
        try {
            setListening(false);
            setActive(false);
            sweep = null;
            Channel channel = listener;
            listener = null;
            if (channel != null) {
                channel.close().awaitUninterruptibly(STOP_TIMEOUT.toMillis());
            }
            this.connections.values().forEach(TcpConnectionSupport::close);
            EventLoopGroup loops = eventLoops;
            eventLoops = null;
            if (loops != null) {
                // what is queued (the closes) runs, then the loops end. With handlers on threads of
                // their own, a closed channel's pipeline is taken down on both: a short quiet period
                // keeps the loops taking the hops back until none comes
                long quiet = handlerExecutors != null ? HANDLER_THREADS_QUIET_PERIOD.toMillis() : 0;
                loops.shutdownGracefully(quiet, STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (!loops.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("the event loops did not close their connections within {}", STOP_TIMEOUT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            this.lifecycleMonitor.unlock();
        }
        super.stop(); // forgets whatever connection is left
    }

    /** Closed connections unregister themselves: nothing to scan for. */
    @Override
    protected void harvestClosedConnections() {
    }

    /**
     * The connection of a channel that just became active, known to the factory and its adapters.
     *
     * @param handlerThread the thread that runs the connection's handlers
     */
    NettyTcpConnection register(Channel channel, EventExecutor handlerThread) {
        NettyTcpConnection connection = new NettyTcpConnection(channel, handlerThread,
                getApplicationEventPublisher(), getComponentName(), properties.sendTimeout());
        if (getListener() != null) {
            connection.registerListener(getListener());
        }
        connection.registerSenders(getSenders());
        connection.setMapper(getMapper());
        connection.setDeserializer(getDeserializer());
        connection.setSerializer(getSerializer());
        wrapConnection(connection); // registers it; closes it if the factory is stopping
        ConnectionSweep timers = sweep;
        if (timers != null) {
            timers.wake();
        }
        return connection;
    }

    void unregister(NettyTcpConnection connection) {
        this.connections.remove(connection.getConnectionId(), connection);
    }

    /** Netty's native transport reports a taken address as a plain I/O error: name it as the JDK does. */
    private static Throwable asBindException(Throwable cause) {
        if (cause instanceof BindException || cause.getMessage() == null
                || !cause.getMessage().contains("Address already in use")) {
            return cause;
        }
        BindException bind = new BindException("Address already in use");
        bind.setStackTrace(cause.getStackTrace());
        return bind;
    }
}
