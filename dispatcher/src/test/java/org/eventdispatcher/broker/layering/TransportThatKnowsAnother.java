package org.eventdispatcher.broker.layering;

import org.eventdispatcher.tcp.server.TcpServerProperties;

/** A deliberate violation, for LayeringTest alone: the broker transport reaching into the TCP one. */
public final class TransportThatKnowsAnother {

    private TransportThatKnowsAnother() {}

    public static int maxConnections(TcpServerProperties server) {
        return server.maxConnections();
    }
}
