package org.eventdispatcher.dispatch;

/**
 * The link a client daemon keeps to its server, whatever carries it: the permanent TCP connection,
 * or a join through the message broker. It comes back by itself when lost, until finished.
 */
public interface ClientLink {

    /** The conversation is over: close the link for good, never to come back; {@code reason} goes to the log. */
    void finish(String reason);
}
