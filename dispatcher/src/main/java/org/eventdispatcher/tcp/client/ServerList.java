package org.eventdispatcher.tcp.client;

import java.util.List;
import java.util.stream.Collectors;
import org.eventdispatcher.protocol.transport.Endpoint;

/**
 * Where the next attempt goes: the servers in order of preference, TCP addresses and Unix sockets
 * in any mix. A failed attempt moves on to the next server at once; the reconnect policy's pause
 * comes once every server has been tried (a round), so each server is tried at the pace of the same
 * backoff walk. Once a connection proves healthy, the next outage starts again from the first
 * server: the preferred one is used again as soon as it is back. Not thread-safe: its owner calls
 * it under its own lock.
 */
final class ServerList {

    private final List<Endpoint> servers;
    private int next;

    ServerList(List<Endpoint> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one server is needed");
        }
        this.servers = List.copyOf(servers);
    }

    /** The server of the next attempt. */
    Endpoint next() {
        return servers.get(next);
    }

    /**
     * The attempt at {@link #next()} failed.
     *
     * @return whether that ends a round: every server failed since the last pause
     */
    boolean failed() {
        next = (next + 1) % servers.size();
        return next == 0;
    }

    /** A connection proved healthy: after it, start from the first server again. */
    void healthy() {
        next = 0;
    }

    int size() {
        return servers.size();
    }

    @Override
    public String toString() {
        return servers.stream().map(Endpoint::toString).collect(Collectors.joining(", "));
    }
}
