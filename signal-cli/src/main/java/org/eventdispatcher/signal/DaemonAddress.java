package org.eventdispatcher.signal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.eventdispatcher.protocol.transport.DefaultAddresses;
import org.eventdispatcher.protocol.transport.Endpoint;
import org.eventdispatcher.protocol.transport.HostPort;
import org.eventdispatcher.protocol.transport.UnixPath;

/**
 * Where the daemon listens, read as the daemons read their addresses ({@link Endpoint}): a missing
 * host is 127.0.0.1 and a missing port 3001, so {@code signal-cli QUIT} reaches a local server;
 * IPv6 literals go in brackets, {@code [::1]:3001}; {@code unix:/path} is a Unix-domain socket.
 */
record DaemonAddress(Endpoint endpoint) {

    DaemonAddress(String host, int port) {
        this(new HostPort(host, port));
    }

    static DaemonAddress parse(String text) throws SignalException {
        Endpoint address;
        try {
            address = Endpoint.parse(text, DefaultAddresses.SERVER_PORT);
        } catch (IllegalArgumentException e) {
            throw new SignalException(ExitCode.USAGE, e.getMessage());
        }
        if (address instanceof HostPort tcp && tcp.port() == 0) {
            throw new SignalException(
                    ExitCode.USAGE,
                    "\"" + text.strip() + "\" cannot be sent to: port 0 is not" + " between 1 and "
                            + HostPort.MAX_PORT);
        }
        return new DaemonAddress(address);
    }

    /** The Unix socket's path; null for a TCP address. */
    UnixPath unixPath() {
        return endpoint instanceof UnixPath unix ? unix : null;
    }

    String host() {
        return tcp().host();
    }

    int port() {
        return tcp().port();
    }

    /** Resolves the host name; a literal IP address is taken as is, without any look-up. */
    InetSocketAddress resolve() throws SignalException {
        try {
            return new InetSocketAddress(InetAddress.getByName(host()), port());
        } catch (UnknownHostException e) {
            throw new SignalException(ExitCode.NOT_DELIVERED, "cannot resolve host \"" + host() + "\" of " + this, e);
        }
    }

    private HostPort tcp() {
        if (endpoint instanceof HostPort tcp) {
            return tcp;
        }
        throw new IllegalStateException(endpoint + " has no host and port"); // the command refused it before
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
