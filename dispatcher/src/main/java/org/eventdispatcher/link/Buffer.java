package org.eventdispatcher.link;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The bounds of a reconnect buffer ({@code eventdispatcher.client.buffer.*},
 * {@code eventdispatcher.broker.buffer.*}; PROTOCOL.md e): past either, the oldest message is
 * dropped.
 *
 * @param maxMessages messages kept at most
 * @param maxBytes    bytes kept at most, counting each message as the line it is sent as
 */
public record Buffer(
        @DefaultValue("1000") int maxMessages,
        @DefaultValue("1MB") DataSize maxBytes) {

    public Buffer {
        if (maxMessages < 0 || maxBytes.isNegative()) {
            throw new IllegalArgumentException(
                    "buffer: max-messages and max-bytes cannot be negative, not " + maxMessages + " and " + maxBytes);
        }
    }

    /** An empty buffer with these bounds. */
    public ReconnectBuffer newBuffer() {
        return new ReconnectBuffer(maxMessages, maxBytes.toBytes());
    }
}
