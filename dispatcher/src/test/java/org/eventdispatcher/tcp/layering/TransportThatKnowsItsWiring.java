package org.eventdispatcher.tcp.layering;

import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;

/** A deliberate violation, for LayeringTest alone: a transport that depends on the wiring above it. */
public final class TransportThatKnowsItsWiring {

    private TransportThatKnowsItsWiring() {}

    public static boolean wired(DispatcherAutoConfiguration wiring) {
        return wiring != null;
    }
}
