package org.eventdispatcher.management;

import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.connection.Side;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code connections} health of a server daemon: UP while its TCP server accepts connections,
 * DOWN before it binds its address and once it stops listening (QUIT, shutdown, a failed
 * accept loop). A server that does not listen does no part of its job, whoever is to blame.
 *
 * <p>Details: {@code address} ({@code host:port} bound, or configured while unbound),
 * {@code accepting}, {@code openConnections}. A server with several listeners has one of these
 * per listener ({@link #of(ListeningServer, int)}), which adds the listener's {@code name}, if any.
 */
public class ServerConnectionsHealthIndicator implements HealthIndicator {

    private final ListeningServer server;
    /** Counts the whole server's connections; null for one listener's, which the server counts itself. */
    private final @Nullable ConnectionRegistry connections;

    /** The listener's place in the server's list; -1: the whole server, of one listener. */
    private final int listener;

    public ServerConnectionsHealthIndicator(ListeningServer server, ConnectionRegistry connections) {
        this(server, connections, -1);
    }

    private ServerConnectionsHealthIndicator(
            ListeningServer server, @Nullable ConnectionRegistry connections, int listener) {
        this.server = server;
        this.connections = connections;
        this.listener = listener;
    }

    /** The health of one of the server's listeners: its connections counted on it alone. */
    public static ServerConnectionsHealthIndicator of(ListeningServer server, int listener) {
        return new ServerConnectionsHealthIndicator(server, null, listener);
    }

    @Override
    public Health health() {
        if (listener >= 0 || connections == null) {
            ListeningServer.ListenerStatus status = server.listeners().get(listener);
            Health.Builder health = status.accepting() ? Health.up() : Health.down();
            if (!status.name().isEmpty()) {
                health.withDetail("name", status.name());
            }
            return health.withDetail("address", status.address().toString())
                    .withDetail("accepting", status.accepting())
                    .withDetail("openConnections", status.openConnections())
                    .build();
        }
        boolean accepting = server.isListening();
        return (accepting ? Health.up() : Health.down())
                .withDetail("address", server.listenAddress().toString())
                .withDetail("accepting", accepting)
                .withDetail("openConnections", connections.open(Side.SERVER, "tcp"))
                .build();
    }
}
