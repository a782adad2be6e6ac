package org.eventdispatcher.dispatch.layering;

import org.eventdispatcher.tcp.server.TcpServerProperties;

/** A deliberate violation, for LayeringTest alone: the dispatcher's API reaching into the TCP transport. */
public final class DispatchThatKnowsATransport {

    private DispatchThatKnowsATransport() {}

    public static int maxConnections(TcpServerProperties server) {
        return server.maxConnections();
    }
}
