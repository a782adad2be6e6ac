package org.eventdispatcher.tcp.server.flow;

import org.eventdispatcher.dispatch.Peer;

/** The peer a line comes from and goes to, in the {@link LineInbound#CONNECTION connection header}: one that writes lines as bytes. */
public interface LinePeer extends Peer {

    /** Writes one line (without its terminator); a peer gone is not written to, without a word. */
    void write(byte[] line);
}
