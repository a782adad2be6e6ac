package org.eventdispatcher.tcp.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.UUID;
import org.eventdispatcher.tcp.client.unix.UnixDomainSocket;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;

/**
 * Spring Integration's socket connection, with two things a client needs:
 * <ul>
 * <li>its socket is read through a buffer: {@link LineFraming} takes a line one byte at a time, and
 * each of those is not a system call;</li>
 * <li>it can be {@link #abort() aborted} from any thread without waiting on the server: under TLS a
 * close first writes a {@code close_notify}, which waits behind a write stuck on a server that
 * reads nothing, and could itself wait for room in the socket's buffer.</li>
 * <li>its life is told to an {@link Observer} directly, on its reading thread: opened before the
 * first line is read, closed after the last was handled, whoever closed it;</li>
 * <li>on a {@link UnixDomainSocket}, which has no IP address, its server's host and its id name the
 * socket ({@code unix:/path}) where the framework would say {@code unknown}.</li>
 * </ul>
 */
final class ClientSocketConnection extends TcpNetConnection {

    /** What the socket's input is read through; big enough for a few typical lines a read. */
    static final int READ_BUFFER = 8192;

    /** Told of the life of each connection, by the connection itself. */
    interface Observer {

        Observer NONE = new Observer() {};

        /** Set up, its reading thread about to read the first line. */
        default void opened(TcpConnection connection) {}

        /** A read or a write failed: the connection closes next. */
        default void failed(TcpConnection connection, Throwable cause) {}

        /** Closed, and its reading thread done: no line from it is handled any more. */
        default void readingEnded(TcpConnection connection) {}
    }

    /** The TCP socket: the socket itself, or the one its TLS is layered on. */
    private final Socket transport;

    private final Observer observer;
    /** {@code unix:/path} on a Unix socket; null on TCP, where the framework's names are right. */
    private final String unixServer;
    /** The id on a Unix socket, {@code unix:/path:uuid}, where the framework's would be {@code unknown:0:-1:uuid}. */
    private final String unixId;

    private InputStream in;

    ClientSocketConnection(
            Socket socket,
            Socket transport,
            boolean lookupHost,
            ApplicationEventPublisher events,
            String factoryName,
            Observer observer) {
        super(socket, false, lookupHost, events, factoryName);
        this.transport = transport;
        this.observer = observer;
        this.unixServer = socket instanceof UnixDomainSocket unix ? unix.path().toString() : null;
        this.unixId = unixServer == null ? null : unixServer + ":" + UUID.randomUUID();
    }

    /** {@code tcp}, or {@code unix} on a Unix-domain socket. */
    String transportName() {
        return unixServer == null ? "tcp" : "unix";
    }

    @Override
    public String getConnectionId() {
        return unixId != null ? unixId : super.getConnectionId();
    }

    @Override
    public String getHostName() {
        return unixServer != null ? unixServer : super.getHostName();
    }

    @Override
    public String getHostAddress() {
        return unixServer != null ? unixServer : super.getHostAddress();
    }

    /** Reads until closed; the observer is told once the last line was handled. */
    @Override
    public void run() {
        try {
            super.run();
        } finally {
            observer.readingEnded(this);
        }
    }

    /** Called by the framework on the reading thread, before the first read. */
    @Override
    protected void publishConnectionOpenEvent() {
        super.publishConnectionOpenEvent();
        observer.opened(this);
    }

    @Override
    protected void publishConnectionExceptionEvent(Throwable cause) {
        super.publishConnectionExceptionEvent(cause);
        observer.failed(this, cause);
    }

    @Override
    protected synchronized InputStream inputStream() throws IOException {
        if (in == null) {
            in = new BufferedInputStream(super.inputStream(), READ_BUFFER);
        }
        return in;
    }

    /**
     * Gives up on the server: the TCP socket closes at once, which fails any read or write stuck on
     * it, then the connection closes as usual (the permanent connection is told, and reconnects).
     */
    void abort() {
        try {
            transport.close();
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
        close();
    }
}
