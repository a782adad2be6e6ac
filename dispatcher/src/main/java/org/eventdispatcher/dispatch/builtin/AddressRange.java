package org.eventdispatcher.dispatch.builtin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A block of IP addresses in CIDR notation ({@code 127.0.0.0/8}, {@code ::1}, {@code 10.1.2.3}),
 * IPv4 or IPv6; an address without a prefix length is that address alone. An IPv4-mapped IPv6
 * address ({@code ::ffff:127.0.0.1}) is the IPv4 address it maps, as Java reads it.
 */
public record AddressRange(InetAddress network, int prefixLength, String text) {

    /** Literal addresses only: a host name would make a DNS lookup at start-up and mean nothing stable. */
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F.:]+");

    /** @throws IllegalArgumentException naming the entry and what is wrong with it */
    public static AddressRange parse(String entry) {
        String text = entry.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address or a CIDR block");
        }
        InetAddress network;
        try {
            network = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address or a CIDR block");
        }
        int bits = network.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("\"" + text + "\": the prefix length must be between 0 and " + bits);
            }
        }
        return new AddressRange(network, prefix, text);
    }

    public boolean contains(InetAddress address) {
        byte[] want = network.getAddress();
        byte[] have = address.getAddress();
        if (want.length != have.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (want[i] != have[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest);
        return (want[full] & mask) == (have[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
