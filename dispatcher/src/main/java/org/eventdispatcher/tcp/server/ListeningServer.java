package org.eventdispatcher.tcp.server;

import java.util.List;
import org.eventdispatcher.protocol.transport.Endpoint;

/** The TCP server of a daemon, whichever threading serves its connections, on all its listeners. */
public interface ListeningServer {

    /**
     * The first TCP listener's address as configured, with the bound port once listening (port 0
     * picks a free one); the first listener's when all are Unix sockets.
     */
    Endpoint listenAddress();

    /** True while it accepts connections: started, bound, not stopping. */
    boolean isListening();

    /** The port the first TCP listener listens on; the bound one once listening; 0 when none is TCP. */
    int getPort();

    /** Each listener, in the order configured. */
    List<ListenerStatus> listeners();

    /** The limit on connections held at once, and how many are held. */
    ConnectionSlots slots();

    /** Ids of the open connections. */
    List<String> getOpenConnectionIds();

    /**
     * One listener, now.
     *
     * @param name            empty when unnamed
     * @param address         where it listens: the bound port once listening
     * @param accepting       started, bound, not stopping
     * @param openConnections the connections that came in on it and are open
     */
    record ListenerStatus(String name, Endpoint address, boolean accepting, long openConnections) {

        /** As {@code listen} writes it: {@code name=address}, or the address alone. */
        public String description() {
            return name.isEmpty() ? address.toString() : name + "=" + address;
        }
    }
}
