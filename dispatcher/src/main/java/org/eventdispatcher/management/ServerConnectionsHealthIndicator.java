package org.eventdispatcher.management;

import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.connection.Side;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code connections} health of a server daemon: UP while its TCP server accepts connections,
 * DOWN before it binds its address and once it stops listening (QUIT, shutdown, a failed
 * accept loop). A server that does not listen does no part of its job, whoever is to blame.
 *
 * <p>Details: {@code address} ({@code host:port} bound, or configured while unbound),
 * {@code accepting}, {@code openConnections}.
 */
public class ServerConnectionsHealthIndicator implements HealthIndicator {

    private final ListeningServer server;
    private final ConnectionRegistry connections;

    public ServerConnectionsHealthIndicator(ListeningServer server, ConnectionRegistry connections) {
        this.server = server;
        this.connections = connections;
    }

    @Override
    public Health health() {
        boolean accepting = server.isListening();
        return (accepting ? Health.up() : Health.down())
                .withDetail("address", server.listenAddress().toString())
                .withDetail("accepting", accepting)
                .withDetail("openConnections", connections.open(Side.SERVER, "tcp"))
                .build();
    }
}
