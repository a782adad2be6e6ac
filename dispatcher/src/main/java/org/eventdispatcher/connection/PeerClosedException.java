package org.eventdispatcher.connection;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * The peer closed the connection between two lines: the normal end of a connection, so without
 * a stack trace (one is thrown per connection).
 */
public class PeerClosedException extends SoftEndOfStreamException {

    public PeerClosedException() {
        super("peer closed the connection");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
