package org.eventdispatcher.tcp.server;

import org.eventdispatcher.protocol.transport.HostPort;

/** The server could not listen on its address (taken, not local, unknown host). */
public class ListenException extends RuntimeException {

    private final HostPort address;

    public ListenException(HostPort address, Throwable cause) {
        super("cannot listen on " + address + ": " + cause.getMessage(), cause);
        this.address = address;
    }

    public HostPort address() {
        return address;
    }
}
