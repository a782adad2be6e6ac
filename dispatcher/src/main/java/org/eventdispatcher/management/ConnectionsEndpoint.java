package org.eventdispatcher.management;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.dispatch.Peer;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/connections}: one entry per open TCP connection, oldest first, with what went
 * through it. Times are ISO-8601 strings in UTC, whatever JSON settings the application has.
 */
@Endpoint(id = "connections", defaultAccess = Access.READ_ONLY)
public class ConnectionsEndpoint {

    private final ConnectionRegistry registry;

    public ConnectionsEndpoint(ConnectionRegistry registry) {
        this.registry = registry;
    }

    @ReadOperation
    public OpenConnections connections() {
        List<Connection> connections =
                registry.connections().stream().map(Connection::of).toList();
        return new OpenConnections(connections.size(), connections);
    }

    /** The response: how many, and each. */
    public record OpenConnections(int open, List<Connection> connections) {}

    /**
     * One connection.
     *
     * @param side          {@code server} (accepted here) or {@code client} (opened from here)
     * @param transport     {@code tcp}, or {@code amqp} for a virtual connection on the broker
     * @param peer          {@code host:port} of the other end
     * @param lastMessageAt null until a message went either way
     * @param tls           protocol and cipher suite; null on plaintext
     * @param listener      the listener it came in on ({@code admin=unix:/path}, {@code 127.0.0.1:3001});
     *                      null for one no listener accepted
     * @param credentials   over a Unix socket, the peer's process: {@code uid}, {@code gid}, {@code pid}
     */
    public record Connection(
            String id,
            String side,
            String transport,
            String peer,
            String connectedSince,
            long messagesIn,
            long messagesOut,
            String lastMessageAt,
            ConnectionRegistry.Tls tls,
            String listener,
            Peer.Credentials credentials) {

        static Connection of(ConnectionRegistry.Statistics statistics) {
            return new Connection(
                    statistics.id(),
                    statistics.side().name().toLowerCase(Locale.ROOT),
                    statistics.transport(),
                    statistics.peer(),
                    iso(statistics.connectedSince()),
                    statistics.messagesIn(),
                    statistics.messagesOut(),
                    iso(statistics.lastMessageAt()),
                    statistics.tls(),
                    statistics.listener(),
                    statistics.credentials());
        }

        private static String iso(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }
}
