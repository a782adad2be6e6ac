package org.eventdispatcher.signal;

import org.eventdispatcher.protocol.transport.ServerNames;

/**
 * The sent-from part of every message signal-cli sends: {@code <host:signal_cli }. Upstream's
 * ed-signal puts the raw host name there, and a name such as {@code web-1.example} fails the
 * name rules (PROTOCOL.md g.9); this project maps every character a name may not hold to
 * {@code _} instead.
 */
final class SenderName {

    /** The sent-from service: the program's own name, as ed-signal used {@code ed_signal}. */
    static final String SERVICE = "signal_cli";

    private SenderName() {}

    /** This machine's host name, made a valid sent-from server name. */
    static String localServer() {
        return ServerNames.local();
    }
}
