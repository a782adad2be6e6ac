package org.eventdispatcher.link;

import org.eventdispatcher.dispatch.Peer;

/**
 * The link a client daemon keeps to its server, whatever carries it: the permanent TCP connection,
 * or a join through the message broker. It comes back by itself when lost, until finished.
 */
public interface ClientLink {

    /** The conversation is over: close the link for good, never to come back; {@code reason} goes to the log. */
    void finish(String reason);

    /**
     * Whether a message from {@code peer} comes from the server at the other end of this link: the
     * connection the conversation runs on, or, through the broker, the server it joined. Only that
     * server may end the conversation; a datagram or another daemon on the broker may not.
     */
    boolean isServer(Peer peer);
}
