package org.eventdispatcher.tcp.server;

import java.util.Map;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * Headers of a line on its way between a connection and the dispatcher: only the
 * {@link IpHeaders#CONNECTION_ID}, without the id and timestamp headers every message gets by
 * default. Nothing on that path reads them, and making them (a random id, a clock read, a map
 * grown twice) was a third of the server's own time per line under a pipelined load.
 */
final class ConnectionHeaders extends MessageHeaders {

    ConnectionHeaders(String connectionId) {
        super(Map.of(IpHeaders.CONNECTION_ID, connectionId), ID_VALUE_NONE, -1L);
    }
}
