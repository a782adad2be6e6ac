package org.eventdispatcher.tcp.server;

/** The server could not listen on one of its addresses (taken, not local, unknown host, a socket file in the way). */
public class ListenException extends RuntimeException {

    private final String address;

    /** @param address the listener as configured: {@code host:port}, {@code unix:/path}, {@code name=...} */
    public ListenException(Object address, Throwable cause) {
        super("cannot listen on " + address + ": " + cause.getMessage(), cause);
        this.address = String.valueOf(address);
    }

    public String address() {
        return address;
    }
}
