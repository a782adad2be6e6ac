package org.eventdispatcher.dispatch.builtin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.transport.BrokerAddress;

/**
 * The senders a daemon obeys a stop command from ({@code eventdispatcher.daemon.stop.allowed-from}):
 * IP addresses and CIDR blocks for TCP and UDP peers, {@code server:service} addresses for
 * daemons on the message broker (PROTOCOL.md h.4), and for peers on a Unix-domain socket the
 * process's user or group: {@code uid:N}, {@code user:NAME}, {@code gid:N}, {@code group:NAME}
 * (names read at start). Each kind of rule matches its kind of peer alone: a CIDR block never lets
 * a Unix peer in, a uid never a TCP peer. A broker address is never an IP address, so the loopback
 * default lets nobody on the broker stop the daemon. Without a uid or gid rule, a Unix peer is
 * obeyed when it runs as root or as the daemon's own user.
 *
 * @param uids users whose processes are obeyed on a Unix socket
 * @param gids (primary) groups whose processes are obeyed on a Unix socket; a process's
 *             supplementary groups are not known to the kernel's {@code SO_PEERCRED}
 */
public record AllowedSenders(
        List<AddressRange> ranges, Set<BrokerAddress> brokerAddresses, Set<Integer> uids, Set<Integer> gids) {

    private static final String UID = "uid:";
    private static final String USER = "user:";
    private static final String GID = "gid:";
    private static final String GROUP = "group:";
    private static final int ROOT = 0;

    /** Two names with a colon between them: an IPv6 literal always has a digit-led or empty group, or two colons. */
    private static final Pattern BROKER_ADDRESS = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*:[A-Za-z_][A-Za-z0-9_]*");

    /** @throws IllegalArgumentException naming the entry that is none of these */
    public static AllowedSenders parse(List<String> entries) {
        List<AddressRange> ranges = new ArrayList<>();
        List<BrokerAddress> brokerAddresses = new ArrayList<>();
        Set<Integer> uids = new HashSet<>();
        Set<Integer> gids = new HashSet<>();
        for (String entry : entries) {
            String text = entry.strip();
            if (text.startsWith(UID)) {
                uids.add(id(text, UID));
            } else if (text.startsWith(USER)) {
                uids.add(named(text, USER, UnixAccounts::uidOf));
            } else if (text.startsWith(GID)) {
                gids.add(id(text, GID));
            } else if (text.startsWith(GROUP)) {
                gids.add(named(text, GROUP, UnixAccounts::gidOf));
            } else if (BROKER_ADDRESS.matcher(text).matches()) {
                try {
                    brokerAddresses.add(BrokerAddress.parse(text));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("\"" + text + "\": " + e.getMessage());
                }
            } else {
                ranges.add(AddressRange.parse(text));
            }
        }
        if (uids.isEmpty() && gids.isEmpty()) {
            uids.add(ROOT);
            int own = UnixAccounts.ownUid();
            if (own >= 0) {
                uids.add(own);
            }
        }
        return new AllowedSenders(List.copyOf(ranges), Set.copyOf(brokerAddresses), Set.copyOf(uids), Set.copyOf(gids));
    }

    private static int id(String text, String prefix) {
        try {
            int id = Integer.parseInt(text.substring(prefix.length()));
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("\"" + text + "\": " + prefix + " takes a number of 0 or more");
    }

    private static int named(String text, String prefix, ToIntFunction<String> lookup) {
        try {
            return lookup.applyAsInt(text.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\": " + e.getMessage());
        }
    }

    /** Why {@code peer} is not among these senders; null when it is. */
    public String refusal(Peer peer) {
        if (peer.credentials().isPresent()) {
            Peer.Credentials process = peer.credentials().get();
            return uids.contains(process.uid()) || gids.contains(process.gid())
                    ? null
                    : "not allowed from uid " + process.uid() + " (gid " + process.gid() + ")";
        }
        if (peer.brokerAddress().isPresent()) {
            BrokerAddress address = peer.brokerAddress().get();
            return brokerAddresses.contains(address) ? null : "not allowed from " + address + " on the broker";
        }
        if (peer.remoteAddress().isEmpty()) {
            return "the sender's address is unknown";
        }
        return ranges.stream()
                        .anyMatch(range -> range.contains(peer.remoteAddress().get()))
                ? null
                : "not allowed from " + peer.remoteAddress().get().getHostAddress();
    }
}
