package org.eventdispatcher.dispatch;

import java.net.InetAddress;
import java.util.Optional;

import org.eventdispatcher.protocol.message.Message;

/** The other end of a message: a TCP connection, or the sender of a UDP datagram. */
public interface Peer {

    /** Stable for the life of the connection; used to route replies and in logs. */
    String id();

    /** {@code host:port} of the remote end, for people reading logs. */
    String address();

    /** The IP address of the remote end, where there is one: what the stop rule checks. */
    default Optional<InetAddress> remoteAddress() {
        return Optional.empty();
    }

    /** False where there is no way back (UDP): replies are logged and dropped. */
    boolean canReply();

    /** Sends a message to this peer; never throws for a peer that went away. */
    void send(Message message);

    /** Closes the connection (no-op where there is none). */
    void close();

    /**
     * True the first time a kind of problem is reported for this peer, so that a peer sending the
     * same bad input a thousand times is logged once.
     */
    default boolean firstReport(String problem) {
        return true;
    }
}
