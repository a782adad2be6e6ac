package org.eventdispatcher.protocol.transport;

/**
 * IP addresses written as text, checked by hand: an {@code address} parameter is checked on every
 * message that carries one, where a regular expression and {@link java.net.InetAddress} cost more
 * than the rest of the message's way to its handler (BENCHMARKS.md, "Message contracts").
 */
final class IpLiterals {

    private static final int MAX_PORT_DIGITS = 5;

    private IpLiterals() {}

    /**
     * Dotted decimal, four numbers up to 255, without leading zeros (as {@code inet_pton} reads
     * them: {@code 010} is not ten there, and is refused here rather than read otherwise).
     */
    static boolean isIpv4(String text, int from, int to) {
        int parts = 0;
        int digits = 0;
        int number = 0;
        for (int i = from; i <= to; i++) {
            char c = i < to ? text.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || ++parts > 4) {
                    return false;
                }
                digits = 0;
                number = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits > 0 && number == 0) {
                    return false; // a leading zero
                }
                number = number * 10 + (c - '0');
                if (++digits > 3 || number > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    /** 0 to 65535, digits only. */
    static boolean isPort(String text, int from, int to) {
        if (to <= from || to - from > MAX_PORT_DIGITS) {
            return false;
        }
        int port = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= HostPort.MAX_PORT;
    }

    /**
     * What {@link HostPort#parseAddress} reads, without making anything in the common case (IPv4,
     * with or without a port); IPv6 is left to it.
     */
    static boolean isAddress(String text) {
        // the usual value, IPv4[:port] as it is sent, in one look; anything else the long way
        int colon = text.indexOf(':');
        int end = colon < 0 ? text.length() : colon;
        return isIpv4(text, 0, end) && (colon < 0 || isPort(text, colon + 1, text.length())) || isOtherAddress(text);
    }

    /** Spaces around, IPv6 in or out of brackets, or no address at all. */
    private static boolean isOtherAddress(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        int colon = text.indexOf(':', from);
        if (from == to || text.charAt(from) == '[' || (colon >= 0 && text.indexOf(':', colon + 1) >= 0)) {
            try {
                HostPort.parseAddress(text);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return colon < 0 || colon >= to
                ? isIpv4(text, from, to)
                : isIpv4(text, from, colon) && isPort(text, colon + 1, to);
    }
}
