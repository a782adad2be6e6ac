package org.eventdispatcher.broker;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eventdispatcher.connection.Connection;
import org.eventdispatcher.connection.Side;
import org.eventdispatcher.link.NotConnectedException;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon on the broker as the dispatcher sees it (PROTOCOL.md h.4): what is sent to it is
 * published to its address; closing it forgets the sender, whose next message opens a new one,
 * and tells the sender ({@value VirtualConnections#DISCONNECTING}), which closes its side too.
 */
final class VirtualConnection implements Connection {

    private static final Logger log = LoggerFactory.getLogger(VirtualConnection.class);

    private final BrokerAddress address;
    private final Side side;
    private final String id;
    private final BrokerPublisher publisher;
    private final VirtualConnections owner;
    private final Set<String> reported = ConcurrentHashMap.newKeySet(4);
    /** System.nanoTime() of the last message from the sender. */
    private volatile long lastHeard;
    /** When ALIVE was sent for the current silence; 0 when none was. */
    private volatile long probedAt;
    /** Why it closed, for the logs of those told; null while it is open. */
    private volatile String closeReason;

    VirtualConnection(BrokerAddress address, Side side, BrokerPublisher publisher, VirtualConnections owner, long now) {
        this.address = address;
        this.side = side;
        this.id = "amqp:" + address;
        this.publisher = publisher;
        this.owner = owner;
        this.lastHeard = now;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String address() {
        return address.toString();
    }

    @Override
    public Optional<BrokerAddress> brokerAddress() {
        return Optional.of(address);
    }

    @Override
    public Side side() {
        return side;
    }

    /** Until it closes: then the sender's next message opens a new one. */
    @Override
    public boolean isOpen() {
        return closeReason == null;
    }

    @Override
    public String transport() {
        return "amqp";
    }

    @Override
    public boolean canReply() {
        return true;
    }

    /** Publishes the message to this sender; a broker out of reach is logged once, never thrown. */
    @Override
    public void send(Message message) {
        try {
            publisher.publish(message, address);
        } catch (NotConnectedException e) {
            if (firstReport("not-sent")) {
                log.warn("not sent to {} on the broker: {} ({})", address, message.command(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        owner.close(this, "closed by a handler");
    }

    @Override
    public boolean firstReport(String problem) {
        return reported.add(problem);
    }

    /** Why it closed (a handler, silence, the sender, the daemon's stop); null while it is open. */
    String closeReason() {
        return closeReason;
    }

    void closed(String reason) {
        closeReason = reason;
    }

    BrokerAddress brokerPeer() {
        return address;
    }

    void heard(long now) {
        lastHeard = now;
        probedAt = 0;
    }

    long lastHeard() {
        return lastHeard;
    }

    long probedAt() {
        return probedAt;
    }

    void probed(long now) {
        probedAt = now;
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
