package org.eventdispatcher.connection;

import java.net.InetSocketAddress;

/**
 * A {@code host:port} to listen on, written as the C++ programs read it: {@code host[:port]},
 * where a missing host is {@code 127.0.0.1} and a missing port is the program's default.
 * IPv6 literals go in brackets: {@code [::1]:3001}.
 */
public record ListenAddress(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public ListenAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not {@code host[:port]}
     */
    public static ListenAddress parse(String text, int defaultPort) {
        String value = text == null ? "" : text.strip();
        try {
            String host;
            String port;
            if (value.startsWith("[")) {
                int close = value.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("missing ']'");
                }
                host = value.substring(1, close);
                String rest = value.substring(close + 1);
                if (!rest.isEmpty() && !rest.startsWith(":")) {
                    throw new IllegalArgumentException("':' expected after ']'");
                }
                port = rest.isEmpty() ? "" : rest.substring(1);
            } else {
                int colon = value.lastIndexOf(':');
                if (colon >= 0 && value.indexOf(':') != colon) {
                    throw new IllegalArgumentException("write an IPv6 address in brackets, e.g. [::1]:" + defaultPort);
                }
                host = colon < 0 ? value : value.substring(0, colon);
                port = colon < 0 ? "" : value.substring(colon + 1);
            }
            return new ListenAddress(host.isEmpty() ? DEFAULT_HOST : host,
                    port.isEmpty() ? defaultPort : Integer.parseInt(port));
        } catch (IllegalArgumentException e) {
            String reason = e instanceof NumberFormatException ? "the port is not a number" : e.getMessage();
            throw new IllegalArgumentException("\"" + text + "\" is not a host[:port] address: " + reason, e);
        }
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    /** {@code host:port}, IPv6 hosts in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
