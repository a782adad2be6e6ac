package org.eventdispatcher.connection;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The server, as seen through one client connection: replies are written straight to that
 * connection, never through the connection factory, so that a reply computed after the connection
 * died cannot open a new one behind the reconnect policy's back.
 */
public final class ClientConnectionPeer implements Peer {

    private static final Logger log = LoggerFactory.getLogger(ClientConnectionPeer.class);

    private static final MessageCodec CODEC = MessageCodec.standard();

    private final TcpConnection connection;
    private final String address;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public ClientConnectionPeer(TcpConnection connection, String address) {
        this.connection = connection;
        this.address = address;
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
    public boolean canReply() {
        return connection.isOpen();
    }

    /** The line framing (LF) is added by the connection's serializer. */
    @Override
    public void send(Message message) {
        try {
            connection.send(MessageBuilder.withPayload(CODEC.write(message).getBytes(StandardCharsets.UTF_8)).build());
        } catch (RuntimeException e) {
            // the connection closes itself on a failed write, and the permanent connection reconnects
            log.debug("could not send {} to {}: {}", message.command(), address, e.getMessage());
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public boolean firstReport(String problem) {
        return reported.add(problem);
    }

    /** The client's own end of the connection, {@code host:port}, for the log. */
    String localAddress() {
        try {
            return connection.getSocketInfo().getLocalAddress().getHostAddress() + ":"
                    + connection.getSocketInfo().getLocalPort();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    @Override
    public String toString() {
        return "ClientConnectionPeer[" + address + ", " + id() + "]";
    }
}
