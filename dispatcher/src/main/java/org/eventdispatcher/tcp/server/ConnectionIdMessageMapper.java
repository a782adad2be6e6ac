package org.eventdispatcher.tcp.server;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * Maps each received line to a message whose only header is {@link IpHeaders#CONNECTION_ID}:
 * what the dispatcher needs to find the peer. Spring Integration's mapper adds host name,
 * address, ports and local address to every line; building those headers cost about a third
 * of the server's time per message under a pipelined load (measured, see BENCHMARKS). The
 * headers never change on a connection, and messages never change their headers: one instance
 * serves every line of a connection.
 */
public class ConnectionIdMessageMapper extends TcpMessageMapper {

    @Override
    public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
        Object payload = connection.getPayload();
        if (payload == null) {
            return null;
        }
        MessageHeaders lineHeaders = connection instanceof NettyTcpConnection netty ? netty.headers()
                : new ConnectionHeaders(connection.getConnectionId());
        return new GenericMessage<>(payload, lineHeaders);
    }
}
