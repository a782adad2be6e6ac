package org.eventdispatcher.tcp.server;

import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.Peer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/** The end of the inbound flow: each received line goes to the dispatcher with its peer. */
public class LineReceiver implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(LineReceiver.class);

    private final TcpServerConnections connections;
    private final MessageDispatcher dispatcher;

    public LineReceiver(TcpServerConnections connections, MessageDispatcher dispatcher) {
        this.connections = connections;
        this.dispatcher = dispatcher;
    }

    @Override
    public void handleMessage(Message<?> message) {
        String connectionId = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
        Peer peer = connectionId == null ? null : connections.peer(connectionId);
        if (peer == null) {
            log.debug("line from a connection that is already closed ({}): dropped", connectionId);
            return;
        }
        dispatcher.receive((byte[]) message.getPayload(), peer);
    }
}
