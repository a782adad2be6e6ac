package org.eventdispatcher.dispatch.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.transport.BrokerAddress;

/**
 * The senders a daemon obeys a stop command from ({@code eventdispatcher.daemon.stop.allowed-from}):
 * IP addresses and CIDR blocks for TCP and UDP peers, and {@code server:service} addresses for
 * daemons on the message broker (PROTOCOL.md h.4). A broker address is never an IP address, so the
 * loopback default lets nobody on the broker stop the daemon.
 */
public record AllowedSenders(List<AddressRange> ranges, Set<BrokerAddress> brokerAddresses) {

    /** Two names with a colon between them: an IPv6 literal always has a digit-led or empty group, or two colons. */
    private static final Pattern BROKER_ADDRESS = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*:[A-Za-z_][A-Za-z0-9_]*");

    /** @throws IllegalArgumentException naming the entry that is neither */
    public static AllowedSenders parse(List<String> entries) {
        List<AddressRange> ranges = new ArrayList<>();
        List<BrokerAddress> brokerAddresses = new ArrayList<>();
        for (String entry : entries) {
            String text = entry.strip();
            if (BROKER_ADDRESS.matcher(text).matches()) {
                try {
                    brokerAddresses.add(BrokerAddress.parse(text));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("\"" + text + "\": " + e.getMessage());
                }
            } else {
                ranges.add(AddressRange.parse(text));
            }
        }
        return new AllowedSenders(List.copyOf(ranges), Set.copyOf(brokerAddresses));
    }

    /** Why {@code peer} is not among these senders; null when it is. */
    public String refusal(Peer peer) {
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
