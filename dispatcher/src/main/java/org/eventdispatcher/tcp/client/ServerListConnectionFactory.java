package org.eventdispatcher.tcp.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.eventdispatcher.protocol.transport.Endpoint;
import org.eventdispatcher.protocol.transport.HostPort;
import org.eventdispatcher.protocol.transport.UnixPath;
import org.eventdispatcher.tcp.client.unix.UnixDomainSocket;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;

/**
 * Spring Integration's client connection factory, told which server each connection goes to: the
 * permanent connection walks its list of servers and asks for a connection to one at a time.
 * Everything else (sockets, the reading thread, events, the inbound adapter) is the framework's,
 * but for three things no call may lack:
 * <ul>
 * <li>under TLS the handshake is part of the attempt, bounded by the handshake timeout: a server
 * that accepts and never answers the client's hello is a failed attempt, and no connection exists
 * whose first write would wait on a handshake;</li>
 * <li>the TLS socket is layered on a plain TCP socket kept at hand, so that a connection can be
 * {@link ClientSocketConnection#abort() aborted} without waiting on the server;</li>
 * <li>connections read through a buffer ({@link ClientSocketConnection}).</li>
 * </ul>
 * The server's address picks the socket: a TCP socket for {@code host:port}, a
 * {@link UnixDomainSocket} for {@code unix:/path}; the connection, its thread and everything above
 * are the same for both. Attempts are made one at a time, on the thread that calls
 * {@link #connect(Endpoint)}.
 */
public class ServerListConnectionFactory extends TcpNetClientConnectionFactory {

    /** As the server's {@code eventdispatcher.server.ssl.handshake-timeout}. */
    static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private volatile Endpoint target;
    private volatile Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private volatile ClientSocketConnection.Observer observer = ClientSocketConnection.Observer.NONE;
    /** The TCP socket of the attempt under way, until its connection is made (attempts are one at a time). */
    private Socket transport;

    /** @param first the server until {@link #connect(Endpoint)} names another */
    public ServerListConnectionFactory(Endpoint first) {
        // the framework's own host and port are only its default: createSocket reads the target
        super(
                first instanceof HostPort tcp ? tcp.host() : first.toString(),
                first instanceof HostPort tcp ? tcp.port() : 0);
        this.target = first;
        setTcpNetConnectionSupport((socket, server, lookupHost, events, name) -> {
            Socket tcp = transport != null ? transport : socket;
            transport = null;
            return new ClientSocketConnection(socket, tcp, lookupHost, events, name, observer);
        });
    }

    /** The connection of this id while it is open; null once it is closed, or for an unknown id. */
    TcpConnection openConnection(String id) {
        connectionsMonitor.lock();
        try {
            TcpConnection connection = connections.get(id);
            return connection != null && connection.isOpen() ? connection : null;
        } finally {
            connectionsMonitor.unlock();
        }
    }

    /** Who is told of the life of each connection made from now on. */
    void observeConnections(ClientSocketConnection.Observer observer) {
        this.observer = observer;
    }

    /** How long a TLS handshake may take, from the client's hello to the server's last word. */
    public void setHandshakeTimeout(Duration handshakeTimeout) {
        if (handshakeTimeout.toMillis() <= 0) {
            throw new IllegalArgumentException("the handshake timeout must be positive, not " + handshakeTimeout);
        }
        this.handshakeTimeout = handshakeTimeout;
    }

    /** A new connection to {@code server}; attempts are made one at a time. */
    public TcpConnectionSupport connect(Endpoint server) throws InterruptedException {
        target = server;
        return getConnection();
    }

    /**
     * A socket to the target: a Unix socket's, or a TCP socket, under TLS with the TLS socket layered
     * on it (no handshake yet).
     */
    @Override
    protected Socket createSocket(String host, int port) throws IOException {
        Endpoint next = target;
        SocketFactory sockets = getTcpSocketFactorySupport().getSocketFactory();
        if (next instanceof UnixPath unix) {
            if (sockets instanceof SSLSocketFactory) {
                throw new IOException("no TLS over a Unix socket: " + unix);
            }
            return UnixDomainSocket.connect(unix); // answered at once: no connect timeout to keep
        }
        HostPort server = (HostPort) next;
        if (!(sockets instanceof SSLSocketFactory tls)) {
            return super.createSocket(server.host(), server.port());
        }
        Socket tcp = SocketFactory.getDefault().createSocket();
        try {
            tcp.connect(new InetSocketAddress(server.host(), server.port()), (int)
                    getConnectTimeout().toMillis());
            Socket layered = tls.createSocket(tcp, server.host(), server.port(), true);
            transport = tcp;
            return layered;
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    /** The framework's settings (the server's name checked among them), then the TLS handshake. */
    @Override
    protected void setSocketAttributes(Socket socket) throws SocketException {
        try {
            super.setSocketAttributes(socket);
            if (socket instanceof SSLSocket tls) {
                handshake(tls);
            }
        } catch (SocketException | RuntimeException e) {
            abandon(socket);
            throw e;
        }
    }

    private void handshake(SSLSocket socket) throws SocketException {
        int readTimeout = socket.getSoTimeout();
        try {
            socket.setSoTimeout((int) handshakeTimeout.toMillis());
            socket.startHandshake();
            socket.setSoTimeout(readTimeout);
        } catch (SocketTimeoutException e) {
            throw new SocketException("no TLS handshake from the server within " + FailureText.seconds(handshakeTimeout)
                    + " (handshake timeout)");
        } catch (SocketException e) {
            throw e;
        } catch (IOException e) {
            SocketException failed = new SocketException(e.getMessage());
            failed.initCause(e); // keeps the SSL exception for the description of the failure
            throw failed;
        }
    }

    /** A socket the framework never made a connection of: closed here, the TCP socket first. */
    private void abandon(Socket socket) {
        Socket tcp = transport;
        transport = null;
        try {
            if (tcp != null) {
                tcp.close();
            }
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
