package org.eventdispatcher.protocol.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address as the daemons' options write it (PROTOCOL.md f): {@code host[:port]}, where a
 * missing host is {@code 127.0.0.1} and a missing port the program's default; IPv6 literals go in
 * brackets, {@code [::1]:3001}. Port 0 is allowed here (a listener picks a free port); a client,
 * which cannot connect there, refuses it where its address is configured.
 */
public record HostPort(String host, int port) implements Endpoint {

    /** Hexadecimal groups, ':' and an optional dotted tail or zone; with a ':', InetAddress never looks up. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F.:]*:[0-9a-fA-F.:]*(%[0-9A-Za-z_.-]+)?");

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int MAX_PORT = 65535;

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and " + MAX_PORT);
        }
    }

    /**
     * Reads {@code host[:port]}, {@code :port} or {@code [ipv6][:port]}; a missing port is
     * {@code defaultPort}.
     *
     * @throws IllegalArgumentException naming the text and saying what is wrong with it
     */
    public static HostPort parse(String text, int defaultPort) {
        return parse(text, Integer.valueOf(defaultPort));
    }

    /**
     * Reads {@code host:port}, {@code :port} or {@code [ipv6]:port}: the port must be written
     * (for addresses that have no single default, such as the log-rotate listener's).
     *
     * @throws IllegalArgumentException naming the text and saying what is wrong with it
     */
    public static HostPort parse(String text) {
        return parse(text, null);
    }

    private static HostPort parse(String text, Integer defaultPort) {
        String value = text == null ? "" : text.strip();
        String form = defaultPort == null ? "host:port" : "host[:port]";
        try {
            String host;
            String port;
            if (value.startsWith("[")) {
                String[] bracketed = bracketed(value);
                host = bracketed[0];
                port = bracketed[1];
            } else {
                int colon = value.lastIndexOf(':');
                if (colon >= 0 && value.indexOf(':') != colon) {
                    throw new IllegalArgumentException(
                            "write an IPv6 address in brackets, e.g. " + bracketed(value, colon, defaultPort));
                }
                host = colon < 0 ? value : value.substring(0, colon);
                port = colon < 0 ? "" : value.substring(colon + 1);
            }
            return new HostPort(host.isEmpty() ? DEFAULT_HOST : host, port(port, defaultPort));
        } catch (IllegalArgumentException problem) {
            // Not chained: the problem alone does not name the text, and start-up reports show the root cause.
            throw new IllegalArgumentException(
                    "\"" + value + "\" is not a " + form + " address: " + problem.getMessage());
        }
    }

    /** {@code [host]} or {@code [host]:port}: the host and the port's text (empty when missing). */
    private static String[] bracketed(String value) {
        int close = value.indexOf(']');
        if (close < 0) {
            throw new IllegalArgumentException("'[' without ']'");
        }
        String rest = value.substring(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(":")) {
            throw new IllegalArgumentException("expected ':port' after ']'");
        }
        return new String[] {value.substring(1, close), rest.isEmpty() ? "" : rest.substring(1)};
    }

    /** An empty port is a missing one: the default, or an error when there is none. */
    private static int port(String port, Integer defaultPort) {
        if (port.isEmpty()) {
            if (defaultPort == null) {
                throw new IllegalArgumentException("the port is missing");
            }
            return defaultPort;
        }
        // Digits only: Integer.parseInt would also take "+80" and "-1".
        if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the port \"" + port + "\" is not a number");
        }
        if (port.length() > 5 || Integer.parseInt(port) > MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and " + MAX_PORT);
        }
        return Integer.parseInt(port);
    }

    /**
     * How the unbracketed IPv6 text should have been written: with a default port the whole text
     * is the host; without one, what follows the last ':' is taken as the port.
     */
    private static String bracketed(String value, int lastColon, Integer defaultPort) {
        return defaultPort != null
                ? "[" + value + "]:" + defaultPort
                : "[" + value.substring(0, lastColon) + "]:" + value.substring(lastColon + 1);
    }

    /** Resolves the host now (a name is looked up once, when the address is bound or connected). */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    /** An IP address as text ({@code 127.0.0.1}, {@code ::1}); empty for anything else: never a DNS lookup. */
    public static Optional<InetAddress> ipLiteral(String text) {
        if (text == null || !(isIpv4(text) || IPV6_LITERAL.matcher(text).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * An {@code address} parameter (PROTOCOL.md g.12, upstream's type {@code address}): an IP
     * address with an optional port, {@code 10.0.0.1}, {@code 10.0.0.1:4040}, {@code ::1} or
     * {@code [::1]:4040}. Never a host name: a message must not make a daemon look names up. A
     * missing port is 0.
     *
     * @throws IllegalArgumentException saying what is wrong, without repeating the text
     */
    public static HostPort parseAddress(String text) {
        String value = text.strip();
        String host;
        String port = "";
        if (value.startsWith("[")) {
            String[] bracketed = bracketed(value);
            host = bracketed[0];
            port = bracketed[1];
        } else if (value.indexOf(':') != value.lastIndexOf(':')) {
            host = value; // a bare IPv6 address: it can carry no port
        } else {
            int colon = value.indexOf(':');
            host = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? "" : value.substring(colon + 1);
            if (colon >= 0 && port.isEmpty()) {
                throw new IllegalArgumentException("the port is missing after ':'");
            }
        }
        Optional<InetAddress> ip = ipLiteral(host);
        if (ip.isEmpty()) {
            throw new IllegalArgumentException("not an IP address");
        }
        return new HostPort(host, port(port, 0));
    }

    /**
     * The address as a message carries it ({@code address} parameters): a resolved one as its IP
     * address, IPv6 in RFC 5952's short form ({@code ::1}, as upstream's {@code inet_ntop} writes
     * it); an unresolved one with the host string it was made with. Never a DNS lookup.
     */
    public static HostPort of(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return new HostPort(address.getHostString(), address.getPort());
        }
        return new HostPort(ip instanceof Inet6Address ? shortIpv6(ip) : ip.getHostAddress(), address.getPort());
    }

    /** The longest run of two or more zero groups written {@code ::} (the first of equal runs); the scope kept. */
    private static String shortIpv6(InetAddress ip) {
        byte[] bytes = ip.getAddress();
        int[] groups = new int[8];
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0, runStart = -1; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
            runStart = groups[i] != 0 ? -1 : runStart < 0 ? i : runStart;
            if (runStart >= 0 && i - runStart + 1 > bestLength) {
                bestStart = runStart;
                bestLength = i - runStart + 1;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                text.append(text.isEmpty() || text.charAt(text.length() - 1) == ':' ? "" : ":")
                        .append(Integer.toHexString(groups[i]));
            }
        }
        String full = ip.getHostAddress();
        int scope = full.indexOf('%');
        return scope < 0 ? text.toString() : text + full.substring(scope);
    }

    /** Four numbers up to 255: InetAddress would look up anything else that is not IPv6. */
    private static boolean isIpv4(String text) {
        return IpLiterals.isIpv4(text, 0, text.length());
    }

    /** Whether {@link #parseAddress} takes {@code text}; faster, and makes nothing for an IPv4 address. */
    public static boolean isAddress(String text) {
        return IpLiterals.isAddress(text);
    }

    /** {@code host:port}, IPv6 hosts in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
