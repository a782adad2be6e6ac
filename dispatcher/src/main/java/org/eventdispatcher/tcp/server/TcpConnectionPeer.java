package org.eventdispatcher.tcp.server;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.transport.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * A TCP connection as the dispatcher sees it. Messages go out as lines through a Spring
 * Integration outbound channel adapter that shares the connection factory: the
 * {@link IpHeaders#CONNECTION_ID} header takes each to this connection.
 */
public final class TcpConnectionPeer implements Peer {

    private static final Logger log = LoggerFactory.getLogger(TcpConnectionPeer.class);

    private final String connectionId;
    /** The headers of every line sent to this connection: immutable, so one instance serves them all. */
    private final MessageHeaders headers;
    private final String address;
    private final Optional<InetAddress> remoteAddress;
    private final MessageChannel outbound;
    private final Runnable close;
    private final MessageCodec codec;
    private final Set<String> reported = ConcurrentHashMap.newKeySet(4);

    public TcpConnectionPeer(String connectionId, String address, MessageChannel outbound, Runnable close,
            MessageCodec codec) {
        this(connectionId, address, Optional.empty(), outbound, close, codec);
    }

    private TcpConnectionPeer(String connectionId, String address, Optional<InetAddress> remoteAddress,
            MessageChannel outbound, Runnable close, MessageCodec codec) {
        this.connectionId = connectionId;
        this.headers = new ConnectionHeaders(connectionId);
        this.address = address;
        this.remoteAddress = remoteAddress;
        this.outbound = outbound;
        this.close = close;
        this.codec = codec;
    }

    /** The peer at the other end of {@code connection}; replies go to {@code outbound}. */
    public static TcpConnectionPeer of(TcpConnection connection, MessageChannel outbound) {
        // the socket's own address where there is one: reading it back from text costs a pattern and a parse per connection
        Optional<InetAddress> remoteAddress = connection instanceof ServerConnection server ? server.remoteAddress()
                : HostPort.ipLiteral(connection.getHostAddress());
        return new TcpConnectionPeer(connection.getConnectionId(), address(connection), remoteAddress, outbound,
                connection::close, MessageCodec.standard());
    }

    /** How a peer's address is written: {@code host:port} of the far end. */
    static String address(TcpConnection connection) {
        return connection.getHostAddress() + ":" + connection.getPort();
    }

    @Override
    public Optional<InetAddress> remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String id() {
        return connectionId;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public boolean canReply() {
        return true;
    }

    /** Sends the message as one line; a peer that went away is logged at debug level, nothing more. */
    @Override
    public void send(Message message) {
        byte[] line = codec.write(message).getBytes(StandardCharsets.UTF_8);
        try {
            outbound.send(new GenericMessage<>(line, headers));
        } catch (MessagingException e) {
            log.debug("not sent to {} (connection gone): {}", address, message);
        }
    }

    @Override
    public void close() {
        close.run();
    }

    @Override
    public boolean firstReport(String problem) {
        return reported.add(problem);
    }

    @Override
    public String toString() {
        return address;
    }
}
