package org.eventdispatcher.tcp.server.listener;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eventdispatcher.protocol.transport.DefaultAddresses;
import org.eventdispatcher.protocol.transport.Endpoint;
import org.eventdispatcher.protocol.transport.HostPort;

/**
 * One entry of {@code eventdispatcher.server.listen}: {@code [name=]address}, the address a TCP
 * {@code host[:port]} or {@code unix:/path}. A named listener may carry settings of its own and a
 * command set of its own; an unnamed one carries every command.
 *
 * @param name    empty when unnamed
 * @param address where it listens
 */
public record ListenAddress(String name, Endpoint address) {

    /** A name is a word: it can never be mistaken for an address ({@code unix:}, an IPv6 literal, a host). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    /**
     * Reads a comma-separated list: {@code 127.0.0.1:3001, [::1]:3001, admin=unix:/run/x/admin.sock}.
     *
     * @throws IllegalArgumentException naming the entry that is wrong, or the name or address given twice
     */
    public static List<ListenAddress> parseList(String text) {
        List<ListenAddress> listeners = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Endpoint> addresses = new HashSet<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            ListenAddress listener = parse(entry);
            if (!listener.name().isEmpty() && !names.add(listener.name())) {
                throw new IllegalArgumentException("two listeners are named " + listener.name());
            }
            boolean anyPort = listener.address() instanceof HostPort tcp && tcp.port() == 0;
            if (!anyPort && !addresses.add(listener.address())) {
                throw new IllegalArgumentException(listener.address() + " is given twice");
            }
            listeners.add(listener);
        }
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("no address to listen on");
        }
        return List.copyOf(listeners);
    }

    /** @throws IllegalArgumentException naming the entry and what is wrong with it */
    public static ListenAddress parse(String entry) {
        String text = entry.strip();
        int equals = text.indexOf('=');
        String name = "";
        if (equals > 0 && NAME.matcher(text.substring(0, equals)).matches()) {
            name = text.substring(0, equals);
            text = text.substring(equals + 1).strip();
        }
        return new ListenAddress(name, Endpoint.parse(text, DefaultAddresses.SERVER_PORT));
    }

    public boolean isNamed() {
        return !name.isEmpty();
    }

    /** As the option writes it: {@code admin=unix:/path}, or the address alone. */
    @Override
    public String toString() {
        return name.isEmpty() ? address.toString() : name + "=" + address;
    }
}
