package org.eventdispatcher.udp;

/** The log-rotate listener could not bind its UDP address: the daemon cannot start. */
public class ListenerBindException extends RuntimeException {

    private final String address;

    public ListenerBindException(String address, String reason, Throwable cause) {
        super("log-rotate listener: cannot listen on udp " + address + ": " + reason, cause);
        this.address = address;
    }

    /** What could not be bound, {@code host:port}. */
    public String address() {
        return address;
    }
}
