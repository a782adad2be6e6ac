package org.eventdispatcher.tcp.server;

/** What the server needs to know of one of its connections, whichever threading serves it. */
public interface ServerConnection {

    /** {@code host:port} of the peer. */
    String peerAddress();

    /**
     * True once this side started closing the connection (QUIT, a limit, shutdown): errors
     * that follow are expected and not worth a log line.
     */
    boolean isClosing();
}
