package org.eventdispatcher.connection;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * A Spring Integration server connection factory whose connections are served by a few
 * {@link EventLoop}s (one per core by default) instead of a thread each: every loop accepts from
 * the one listening socket and handles the lines of its connections on its own thread, so the
 * replies on a connection keep the order of its requests, and thousands of quiet connections
 * cost no thread.
 *
 * <p>Why not Spring Integration's own NIO factory: it hands the lines of one socket to different
 * pool threads, so replies can overtake each other, and every line crosses threads twice on its
 * way in (measured in BENCHMARKS.md, "Server design").
 *
 * <p>Handlers run on a loop's thread: a handler that blocks holds up the other connections of
 * its loop. Daemons whose handlers block choose {@link ServerThreading#THREAD_PER_CONNECTION}.
 *
 * <p>The inbound and outbound channel adapters, the connection events, the mapper and the
 * serializer are Spring Integration's; the framing is {@link LineFraming}'s (it must be the
 * deserializer), done on the loop's buffer.
 */
public class EventLoopServerConnectionFactory extends AbstractServerConnectionFactory implements ListeningServer {

    private static final Logger log = LoggerFactory.getLogger(EventLoopServerConnectionFactory.class);

    /** Longest wait in {@link #stop()} for the loops to close their connections. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);

    private final HostPort address;
    private final ConnectionSlots slots;
    private final StalledWriteWatchdog watchdog;
    private final int loopCount;
    private final Duration idleTimeout;
    private final List<EventLoop> loops = new ArrayList<>();
    private @Nullable ServerSocketChannel listener;
    private volatile int boundPort;

    /**
     * @param loopCount   event loop threads; 0 for one per available processor
     * @param idleTimeout a connection silent this long is closed; zero keeps silent peers
     */
    public EventLoopServerConnectionFactory(HostPort address, ConnectionSlots slots, StalledWriteWatchdog watchdog,
            int loopCount, Duration idleTimeout) {
        super(address.port());
        this.address = address;
        this.slots = slots;
        this.watchdog = watchdog;
        this.loopCount = loopCount > 0 ? loopCount : Runtime.getRuntime().availableProcessors();
        this.idleTimeout = idleTimeout;
        setLocalAddress(address.host());
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
        ServerSocketChannel channel = listener;
        try {
            return channel != null ? channel.getLocalAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String getComponentType() {
        return "event-loop-server-connection-factory";
    }

    /**
     * Binds the address and starts the loops.
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
            if (!(getDeserializer() instanceof LineFraming framing)) {
                throw new IllegalStateException("the event loops cut lines themselves: the deserializer must be a "
                        + LineFraming.class.getSimpleName() + ", not " + getDeserializer());
            }
            ServerSocketChannel bound = bind();
            try {
                for (int i = 0; i < loopCount; i++) {
                    loops.add(new EventLoop(bound, (channel, loop) -> accepted(channel, loop, framing.maxLength()),
                            slots, idleTimeout));
                }
            } catch (IOException e) { // e.g. no file descriptor left for a selector
                loops.forEach(EventLoop::closeUnstarted);
                loops.clear();
                closeQuietly(bound);
                throw new ListenException(address, e);
            }
            listener = bound;
            setActive(true);
            for (int i = 0; i < loops.size(); i++) {
                Thread thread = new Thread(loops.get(i), "tcp-server-loop-" + (i + 1));
                thread.setDaemon(true);
                thread.start();
            }
            setListening(true);
            publishServerListeningEvent(boundPort);
            log.debug("{} event loops serving {}", loops.size(), listenAddress());
        } finally {
            this.lifecycleMonitor.unlock();
        }
    }

    /** The loops do everything; there is no accept thread to run. */
    @Override
    public void run() {
    }

    /**
     * Stops accepting, then each loop writes what its connections have buffered, if their peers
     * take it at once, and closes them, all loops at the same time.
     */
    @Override
    public void stop() {
        this.lifecycleMonitor.lock();
        try {
            setListening(false);
            setActive(false);
            ServerSocketChannel channel = listener;
            listener = null;
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing it is all we wanted
                }
            }
            loops.forEach(EventLoop::stop);
            long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
            for (EventLoop loop : loops) {
                if (!loop.awaitEnd(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    log.warn("an event loop did not close its connections within {}", STOP_TIMEOUT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            loops.clear();
            this.lifecycleMonitor.unlock();
        }
        super.stop(); // closes whatever connection is left
    }

    /** Closed connections remove themselves: nothing to scan for. */
    @Override
    protected void harvestClosedConnections() {
    }

    private void accepted(SocketChannel channel, EventLoop loop, int maxLineLength) {
        Socket socket = channel.socket();
        if (!slots.tryAcquire()) {
            slots.refuse(socket);
            return;
        }
        EventLoopConnection connection;
        try {
            channel.configureBlocking(false);
            setSocketAttributes(socket);
            connection = new EventLoopConnection(channel, loop, maxLineLength, watchdog,
                    getApplicationEventPublisher(), getComponentName(), this::closed);
        } catch (IOException | RuntimeException e) {
            slots.release();
            closeQuietly(channel);
            log.debug("accepted connection lost before it could be served: {}", e.toString());
            return;
        }
        try {
            initializeConnection(connection, socket);
            wrapConnection(connection); // registers it; closes it if the factory is stopping
            if (connection.isOpen()) {
                connection.open();
            }
        } catch (IOException | RuntimeException e) {
            // closing it gives its slot back and unregisters it: nothing leaks, the loop goes on
            log.warn("{}: connection closed as it opened: {}", connection.peerAddress(), e.toString());
            connection.close();
        }
    }

    private void closed(EventLoopConnection connection) {
        slots.release();
        this.connections.remove(connection.getConnectionId(), connection);
    }

    private ServerSocketChannel bind() {
        try {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(address.toSocketAddress(), getBacklog());
                channel.configureBlocking(false);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            boundPort = channel.socket().getLocalPort();
            return channel;
        } catch (IOException | RuntimeException e) {
            throw new ListenException(address, e);
        }
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // it is being dropped anyway
        }
    }
}
