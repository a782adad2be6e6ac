package org.eventdispatcher.connection;

import java.util.Locale;

/** Which end opened a connection. */
public enum Side {
    /** Accepted by this daemon's server (or, on the broker, a sender that came to this daemon). */
    SERVER,
    /** Opened by this daemon, as a client (or, on the broker, the server a client joined). */
    CLIENT;

    /** As meters tag it: {@code server}, {@code client}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
