package org.eventdispatcher.broker.queue;

import org.eventdispatcher.protocol.transport.BrokerAddress;

/** Another daemon already consumes as this daemon's address on the broker. */
public class BrokerAddressTakenException extends IllegalStateException {

    private final transient BrokerAddress address;

    public BrokerAddressTakenException(BrokerAddress address) {
        super(
                "another daemon already runs as " + address + " on this broker (its queue " + address.queue()
                        + " is in exclusive use): give this one another eventdispatcher.node.server or eventdispatcher.node.service");
        this.address = address;
    }

    public BrokerAddress address() {
        return address;
    }
}
