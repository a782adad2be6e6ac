package org.eventdispatcher.udp;

import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eventdispatcher.logrotate.LogRotateProperties;
import org.eventdispatcher.protocol.transport.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.dsl.Udp;
import org.springframework.integration.ip.dsl.UdpInboundChannelAdapterSpec;

/**
 * The UDP socket {@code LOG_ROTATE} arrives on, bound when the daemon starts so that a taken port
 * fails the start (exit 1) or, with {@code fallback-to-any-port}, moves to an ephemeral port.
 *
 * <p>Spring Integration's UDP adapter reads it. Its receive loop handles each datagram itself
 * instead of queueing it for a pool: datagrams are then handled one at a time, in order, and a
 * flood backs up into the socket's kernel buffer, where the excess is dropped, not into the heap.
 */
public final class LogRotateListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogRotateListener.class);

    private final DatagramSocket socket;
    private final ExecutorService receiveLoop;

    private LogRotateListener(DatagramSocket socket) {
        this.socket = socket;
        // one thread for the adapter's receive loop; what it submits then runs on that same thread
        this.receiveLoop = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "log-rotate-udp");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /**
     * @throws ListenerBindException when the address cannot be bound (and no fallback applies)
     */
    public static LogRotateListener bind(LogRotateProperties properties) {
        HostPort where = properties.listenAddress();
        InetSocketAddress address = where.toSocketAddress();
        if (address.isUnresolved()) {
            throw new ListenerBindException(where.toString(), "unknown host \"" + where.host() + "\"", null);
        }
        try {
            DatagramSocket socket = new DatagramSocket(address);
            log.info("listening for LOG_ROTATE on udp {}", describe(socket));
            return new LogRotateListener(socket);
        } catch (BindException taken) {
            if (!properties.fallbackToAnyPort() || where.port() == 0) {
                throw new ListenerBindException(where.toString(), taken.getMessage(), taken);
            }
            try {
                DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address.getAddress(), 0));
                log.info("udp {} is taken: listening for LOG_ROTATE on udp {} instead", where, describe(socket));
                return new LogRotateListener(socket);
            } catch (SocketException e) {
                throw new ListenerBindException(where.host() + ":0", e.getMessage(), e);
            }
        } catch (SocketException e) {
            throw new ListenerBindException(where.toString(), e.getMessage(), e);
        }
    }

    /** The adapter that reads this socket; add a handler and it is a flow. */
    public UdpInboundChannelAdapterSpec inboundAdapter() {
        return Udp.inboundAdapter(socket.getLocalPort())
                .socket(socket)
                .receiveBufferSize(DatagramReceiver.RECEIVE_BUFFER)
                .lookupHost(false) // no reverse DNS per datagram
                .taskExecutor(receiveLoop);
    }

    /** Where it listens, with the port actually bound. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        socket.close();
        receiveLoop.shutdownNow();
    }

    private static String describe(DatagramSocket socket) {
        InetSocketAddress bound = (InetSocketAddress) socket.getLocalSocketAddress();
        String host = bound.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }
}
