package org.eventdispatcher.tcp.server;

import java.util.List;
import org.eventdispatcher.protocol.transport.HostPort;

/** The TCP server of a daemon, whichever threading serves its connections. */
public interface ListeningServer {

    /** The address as configured, with the bound port once listening (port 0 picks a free one). */
    HostPort listenAddress();

    /** True while it accepts connections: started, bound, not stopping. */
    boolean isListening();

    /** The port listened on; the bound one once listening. */
    int getPort();

    /** The limit on connections held at once, and how many are held. */
    ConnectionSlots slots();

    /** Ids of the open connections. */
    List<String> getOpenConnectionIds();
}
