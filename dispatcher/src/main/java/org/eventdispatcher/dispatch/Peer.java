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

    /**
     * Who runs the peer's process, for a peer on a Unix-domain socket: the kernel says it
     * ({@code SO_PEERCRED}), the peer cannot pretend otherwise. What the stop rule checks there.
     */
    default Optional<Credentials> credentials() {
        return Optional.empty();
    }

    /**
     * The name of the listener the peer came in on ({@code admin} of {@code admin=unix:/path});
     * empty for an unnamed listener and where there is none (UDP, the broker): those carry every
     * command. A handler class limited to named listeners ({@link MessageHandlers#listeners()})
     * answers only on them.
     */
    default String listener() {
        return "";
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

    /**
     * A Unix-domain peer's process as the kernel saw it when it connected.
     *
     * @param uid its effective user id
     * @param gid its effective (primary) group id; not its supplementary groups
     * @param pid its process id, for people reading logs
     */
    record Credentials(int uid, int gid, int pid) {

        @Override
        public String toString() {
            return "uid=" + uid + ",gid=" + gid + ",pid=" + pid;
        }
    }
}
