package org.eventdispatcher.tcp.client;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandler;

/**
 * The client's outbound channel adapter: writes each line to the open connection its
 * {@link IpHeaders#CONNECTION_ID} header names, on the caller's thread. It never opens a connection
 * (Spring Integration's own outbound adapter on a client factory would, behind the reconnect
 * policy's back): a line for a connection that is gone fails with a
 * {@link MessageDeliveryException}, and the link keeps it for the next connection, or refuses it.
 */
public final class ClientConnectionWriter implements MessageHandler {

    private final ServerListConnectionFactory factory;

    public ClientConnectionWriter(ServerListConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public void handleMessage(Message<?> message) {
        String id = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
        TcpConnection connection = id != null ? factory.openConnection(id) : null;
        if (connection == null) {
            throw new MessageDeliveryException(message, "no open connection " + id);
        }
        connection.send(message); // the framing (LF) is added by the connection's serializer
    }
}
