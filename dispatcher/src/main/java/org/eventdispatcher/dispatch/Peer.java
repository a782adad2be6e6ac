package org.eventdispatcher.dispatch;

import java.net.InetAddress;
import java.util.Optional;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.BrokerAddress;

/**
 * The other end of a message: a TCP connection, the sender of a UDP datagram, or a daemon on the
 * message broker (a virtual connection).
 */
public interface Peer {

    /** Stable for the life of the connection; used to route replies and in logs. */
    String id();

    /** {@code host:port} of the remote end, for people reading logs. */
    String address();

    /** The IP address of the remote end, where there is one: what the stop rule checks. */
    default Optional<InetAddress> remoteAddress() {
        return Optional.empty();
    }

    /** The sender's {@code server:service} on the message broker, for a peer reached through it. */
    default Optional<BrokerAddress> brokerAddress() {
        return Optional.empty();
    }

    /** How the peer is reached, as meters tag it: {@code tcp}, {@code udp}, {@code amqp}. */
    default String transport() {
        return canReply() ? "tcp" : "udp";
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
