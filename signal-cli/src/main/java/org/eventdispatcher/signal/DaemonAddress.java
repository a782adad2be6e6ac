package org.eventdispatcher.signal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.eventdispatcher.protocol.transport.DefaultAddresses;
import org.eventdispatcher.protocol.transport.HostPort;

/**
 * Where the daemon listens, read as the daemons read their addresses ({@link HostPort}): a missing
 * host is 127.0.0.1 and a missing port 3001, so {@code signal-cli QUIT} reaches a local server;
 * IPv6 literals go in brackets, {@code [::1]:3001}.
 */
record DaemonAddress(String host, int port) {

    static DaemonAddress parse(String text) throws SignalException {
        HostPort address;
        try {
            address = HostPort.parse(text, DefaultAddresses.SERVER_PORT);
        } catch (IllegalArgumentException e) {
            throw new SignalException(ExitCode.USAGE, e.getMessage());
        }
        if (address.port() == 0) {
            throw new SignalException(
                    ExitCode.USAGE,
                    "\"" + text.strip() + "\" cannot be sent to: port 0 is not" + " between 1 and "
                            + HostPort.MAX_PORT);
        }
        return new DaemonAddress(address.host(), address.port());
    }

    /** Resolves the host name; a literal IP address is taken as is, without any look-up. */
    InetSocketAddress resolve() throws SignalException {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new SignalException(ExitCode.NOT_DELIVERED, "cannot resolve host \"" + host + "\" of " + this, e);
        }
    }

    @Override
    public String toString() {
        return new HostPort(host, port).toString();
    }
}
