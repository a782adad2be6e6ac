package org.eventdispatcher.tcp.server;

import java.net.InetAddress;
import java.util.Optional;

/** What the server needs to know of one of its connections, whichever threading serves it. */
public interface ServerConnection {

    /** {@code host:port} of the peer. */
    String peerAddress();

    /** The peer's IP address, as the socket has it. */
    Optional<InetAddress> remoteAddress();

    /**
     * True once this side started closing the connection (QUIT, a limit, shutdown): errors
     * that follow are expected and not worth a log line.
     */
    boolean isClosing();
}
