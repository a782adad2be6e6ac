package org.eventdispatcher.protocol.transport;

/**
 * Where the example daemons listen and connect unless told otherwise (PROTOCOL.md f): a missing
 * host is {@value HostPort#DEFAULT_HOST}, a missing port the program's own.
 */
public final class DefaultAddresses {

    /** The server's TCP port, which the client and signal-cli connect to. */
    public static final int SERVER_PORT = 3001;
    /** The server's UDP port for LOG_ROTATE. */
    public static final int SERVER_LOG_ROTATE_PORT = 3002;
    /** The client's UDP port for LOG_ROTATE. */
    public static final int CLIENT_LOG_ROTATE_PORT = 3003;

    public static final String SERVER = HostPort.DEFAULT_HOST + ":" + SERVER_PORT;
    public static final String SERVER_LOG_ROTATE = HostPort.DEFAULT_HOST + ":" + SERVER_LOG_ROTATE_PORT;
    public static final String CLIENT_LOG_ROTATE = HostPort.DEFAULT_HOST + ":" + CLIENT_LOG_ROTATE_PORT;

    private DefaultAddresses() {}
}
