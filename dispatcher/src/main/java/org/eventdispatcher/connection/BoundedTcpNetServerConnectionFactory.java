package org.eventdispatcher.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * Spring Integration's blocking server connection factory, with what a daemon facing any number
 * of peers needs:
 * <ul>
 * <li>it binds its address when started, so that a taken port fails the start-up with a
 *     {@link ListenException} (Spring Integration binds later, on its accept thread, and only
 *     logs the failure);</li>
 * <li>at most {@link ConnectionSlots#max()} connections; more are closed as they arrive;</li>
 * <li>accept errors pause the accept loop instead of ending it;</li>
 * <li>its connections are {@link BatchingTcpNetConnection}s, and each removes itself from the
 *     factory when closed, where Spring Integration scans every connection on every accept
 *     (costly with thousands open).</li>
 * </ul>
 */
public class BoundedTcpNetServerConnectionFactory extends TcpNetServerConnectionFactory implements ListeningServer {

    private final HostPort address;
    private final ConnectionSlots slots;
    private @Nullable ServerSocket bound;
    private volatile int boundPort;

    public BoundedTcpNetServerConnectionFactory(HostPort address, ConnectionSlots slots,
            StalledWriteWatchdog watchdog) {
        super(address.port());
        this.address = address;
        this.slots = slots;
        setLocalAddress(address.host());
        setTcpNetConnectionSupport(new BatchingTcpNetConnectionSupport(watchdog,
                connection -> this.connections.remove(connection.getConnectionId(), connection)));
    }

    @Override
    public ConnectionSlots slots() {
        return slots;
    }

    @Override
    public HostPort listenAddress() {
        return new HostPort(address.host(), getPort());
    }

    /**
     * Binds the address, then starts accepting.
     *
     * @throws ListenException when the address cannot be bound
     */
    @Override
    public void start() {
        this.lifecycleMonitor.lock();
        try {
            if (!isActive() && bound == null) {
                bound = bind();
            }
        } finally {
            this.lifecycleMonitor.unlock();
        }
        super.start();
    }

    @Override
    public int getPort() {
        int port = boundPort;
        return port > 0 ? port : super.getPort();
    }

    @Override
    protected ServerSocket createServerSocket(int port, int backlog, @Nullable InetAddress whichNic) throws IOException {
        this.lifecycleMonitor.lock();
        try {
            ServerSocket socket = bound != null ? bound : bind();
            bound = null;
            return socket;
        } finally {
            this.lifecycleMonitor.unlock();
        }
    }

    /**
     * Stops accepting and ends every connection; also releases an address bound but not yet used.
     *
     * <p>Closing a socket waits for the thread blocked reading it to let go: one by one, from
     * here, that takes seconds with thousands of connections. Instead each connection is told to
     * stop reading: its own thread writes what it buffered and closes it, all in parallel, while
     * the daemon goes on stopping. A connection stuck writing to a peer that does not read is
     * closed at once.
     */
    @Override
    public void stop() {
        this.lifecycleMonitor.lock();
        try {
            if (bound != null) {
                try {
                    bound.close();
                } catch (IOException e) {
                    // closing it is all we wanted
                }
                bound = null;
            }
        } finally {
            this.lifecycleMonitor.unlock();
        }
        List<TcpConnectionSupport> open = new ArrayList<>(this.connections.values());
        open.forEach(connection -> {
            if (connection instanceof BatchingTcpNetConnection batching) {
                this.connections.remove(connection.getConnectionId(), connection); // it closes itself
                batching.stopReading();
            }
        });
        super.stop(); // closes the server socket and whatever else is left
    }

    /** Closed connections remove themselves: nothing to scan for. */
    @Override
    protected void harvestClosedConnections() {
    }

    private ServerSocket bind() {
        try {
            AcceptingServerSocket socket = new AcceptingServerSocket(slots);
            try {
                socket.setReuseAddress(true);
                socket.bind(address.toSocketAddress(), getBacklog());
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
            boundPort = socket.getLocalPort();
            return socket;
        } catch (IOException | RuntimeException e) {
            throw new ListenException(address, e);
        }
    }
}
