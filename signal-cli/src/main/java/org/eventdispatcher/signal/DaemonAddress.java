package org.eventdispatcher.signal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the daemon listens: {@code host[:port]} as PROTOCOL.md f writes addresses. A missing host
 * is 127.0.0.1 and a missing port is 3001, so {@code signal-cli QUIT} reaches a local server.
 * IPv6 literals take brackets when a port follows: {@code [::1]:3001}.
 */
record DaemonAddress(String host, int port) {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 3001;

    static DaemonAddress parse(String text) throws SignalException {
        String value = text.strip();
        String host = value;
        String port = "";
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || (close + 1 < value.length() && value.charAt(close + 1) != ':')) {
                throw invalid(text, "an IPv6 address is written [address] or [address]:port");
            }
            host = value.substring(1, close);
            port = close + 1 < value.length() ? value.substring(close + 2) : "";
        } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') >= 0) {
            // exactly one ':' separates host and port; more than one is a bare IPv6 address
            int colon = value.indexOf(':');
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
        }
        return new DaemonAddress(host.isEmpty() ? DEFAULT_HOST : host, port.isEmpty() ? DEFAULT_PORT : parsePort(text, port));
    }

    private static int parsePort(String text, String port) throws SignalException {
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw invalid(text, "the port \"" + port + "\" is not a number");
        }
        if (number < 1 || number > 65535) {
            throw invalid(text, "the port " + number + " is not between 1 and 65535");
        }
        return number;
    }

    private static SignalException invalid(String text, String why) {
        return new SignalException(ExitCode.USAGE, "invalid address \"" + text + "\": " + why);
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
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
