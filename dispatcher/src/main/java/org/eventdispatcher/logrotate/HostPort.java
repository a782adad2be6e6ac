package org.eventdispatcher.logrotate;

import java.net.InetSocketAddress;

/**
 * A listen address as the daemons' options write it: {@code host:port}, {@code [v6]:port}, or
 * {@code :port} for 127.0.0.1 (PROTOCOL.md f: a missing host is the loopback address).
 */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static HostPort parse(String text) {
        String value = text == null ? "" : text.strip();
        int colon = value.lastIndexOf(':');
        if (colon < 0 || (value.startsWith("[") && colon < value.indexOf(']'))) {
            throw new IllegalArgumentException("\"" + value + "\" is not host:port (the port is missing)");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("\"" + value + "\": write an IPv6 address in brackets, e.g. [::1]:3002");
        }
        String port = value.substring(colon + 1);
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + value + "\": the port \"" + port + "\" is not a number");
        }
        return new HostPort(host.isEmpty() ? "127.0.0.1" : host, Integer.parseInt(port));
    }

    /** Resolves the host now (a name is looked up once, at start-up). */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
