package org.eventdispatcher.tcp.server.flow;

import java.util.Map;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * The server's inbound channel adapter: each line a connection reads, as a {@code byte[]} message
 * whose {@link #CONNECTION} header is the connection itself, sent on the thread that serves the
 * connection (the flow's channels are direct: a line is handled before the next is taken).
 */
public final class LineInbound extends MessageProducerSupport {

    /** The header of every line to and from a connection: the connection itself, a {@link LinePeer}. */
    public static final String CONNECTION = "eventdispatcher_connection";

    /**
     * The headers of every line to and from {@code connection}, to be made once per connection:
     * messages never change their headers, and these go without the id and timestamp every message
     * gets by default (a random id and a clock read per line were a third of the server's own time
     * under a pipelined load, BENCHMARKS.md).
     */
    public static MessageHeaders headersOf(LinePeer connection) {
        return new MessageHeaders(Map.of(CONNECTION, connection), MessageHeaders.ID_VALUE_NONE, -1L) {};
    }

    /** @param headers the connection's own, from {@link #headersOf} */
    public void received(byte[] line, MessageHeaders headers) {
        sendMessage(new GenericMessage<>(line, headers));
    }

    @Override
    public String getComponentType() {
        return "tcp-server:inbound-channel-adapter";
    }
}
