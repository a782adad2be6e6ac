package org.eventdispatcher.tcp.client;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLSession;
import org.eventdispatcher.connection.Connection;
import org.eventdispatcher.connection.Side;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.transport.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The server, as seen through one client connection, and that connection as the
 * {@link org.eventdispatcher.connection.ConnectionListener}s see it (side {@link Side#CLIENT}, the
 * id of Spring Integration's connection). Every line to the server goes through the client's
 * outbound adapter, named for this connection: a reply computed after the connection died fails,
 * and never opens a new one behind the reconnect policy's back.
 */
public final class ClientConnectionPeer implements Connection, Outbox.Wire {

    private static final Logger log = LoggerFactory.getLogger(ClientConnectionPeer.class);

    private static final MessageCodec CODEC = MessageCodec.standard();

    private final TcpConnection connection;
    private final MessageChannel outbound;
    private final String address;
    private final BiConsumer<ClientConnectionPeer, Message> sending;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /**
     * @param outbound where its lines go: the client's outbound adapter ({@link ClientConnectionWriter})
     * @param sending  told of each message sent through {@link #send(Message)}, before it is written
     */
    ClientConnectionPeer(
            TcpConnection connection,
            MessageChannel outbound,
            String address,
            BiConsumer<ClientConnectionPeer, Message> sending) {
        this.connection = connection;
        this.outbound = outbound;
        this.address = address;
        this.sending = sending;
    }

    @Override
    public String id() {
        return connection.getConnectionId();
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Optional<InetAddress> remoteAddress() {
        return HostPort.ipLiteral(connection.getHostAddress());
    }

    @Override
    public boolean canReply() {
        return connection.isOpen();
    }

    @Override
    public Side side() {
        return Side.CLIENT;
    }

    /** {@code tcp}, or {@code unix} over a Unix-domain socket. */
    @Override
    public String transport() {
        return connection instanceof ClientSocketConnection socket ? socket.transportName() : "tcp";
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    /** The handshake is part of the attempt ({@link ServerListConnectionFactory}): this never waits. */
    @Override
    public SSLSession tlsSession() {
        return connection.getSslSession();
    }

    /** The permanent connection is told first: by the time the server can answer, it knows. */
    @Override
    public void send(Message message) {
        sending.accept(this, message);
        write(line(message));
    }

    /**
     * Writes one line, through the outbound adapter, to this connection and no other.
     *
     * @return false when the connection could not take it: it closes itself then, and the
     *         permanent connection reconnects
     */
    @Override
    public boolean write(byte[] line) {
        try {
            outbound.send(MessageBuilder.withPayload(line)
                    .setHeader(IpHeaders.CONNECTION_ID, id())
                    .build());
            return true;
        } catch (RuntimeException e) {
            log.debug("could not send a line to {}: {}", address, e.getMessage());
            return false;
        }
    }

    /** A message as the line it is sent as, without its LF. */
    static byte[] line(Message message) {
        return CODEC.write(message).getBytes(StandardCharsets.UTF_8);
    }

    TcpConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        connection.close();
    }

    /** Closes without waiting on the server: the client gives up on it (silence, stall). */
    void abort() {
        if (connection instanceof ClientSocketConnection socket) {
            socket.abort();
        } else {
            connection.close();
        }
    }

    @Override
    public boolean firstReport(String problem) {
        return reported.add(problem);
    }

    /** The server's end as connected to: its IP and port, or its Unix socket; for the log. */
    String remoteEnd() {
        return isUnix() ? address : connection.getHostAddress() + ":" + connection.getPort();
    }

    /** The client's own end of the connection, {@code host:port}, for the log; null on a Unix socket, which has none. */
    String localAddress() {
        if (isUnix()) {
            return null;
        }
        try {
            return connection.getSocketInfo().getLocalAddress().getHostAddress() + ":"
                    + connection.getSocketInfo().getLocalPort();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private boolean isUnix() {
        return "unix".equals(transport());
    }

    @Override
    public String toString() {
        return "ClientConnectionPeer[" + address + ", " + id() + "]";
    }
}
