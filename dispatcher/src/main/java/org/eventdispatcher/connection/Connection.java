package org.eventdispatcher.connection;

import javax.net.ssl.SSLSession;
import org.eventdispatcher.dispatch.Peer;
import org.jspecify.annotations.Nullable;

/**
 * One connection, as every transport shows it to the {@link ConnectionListener}s: the peer that
 * answers on it (known from the moment it opens), which end opened it, and what
 * {@code /actuator/connections} shows of it. A TCP connection, accepted or opened; a virtual
 * connection on the broker.
 */
public interface Connection extends Peer {

    /** Which end opened it. */
    Side side();

    /** False once its socket is closed; a connection no socket carries is open until it is closed. */
    default boolean isOpen() {
        return true;
    }

    /**
     * The listener it came in on, as configured ({@code admin=unix:/path}, {@code 127.0.0.1:3001});
     * null for a connection no listener accepted (a client's, a virtual one on the broker).
     */
    default @Nullable String listenedOn() {
        return null;
    }

    /**
     * The TLS session once its handshake is done; null on plaintext. On a client connection, may
     * wait for the handshake: ask once a message went either way.
     */
    default @Nullable SSLSession tlsSession() {
        return null;
    }
}
