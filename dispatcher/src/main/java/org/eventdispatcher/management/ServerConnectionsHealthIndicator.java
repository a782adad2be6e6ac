package org.eventdispatcher.management;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.eventdispatcher.protocol.transport.HostPort;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The {@code connections} health of a server daemon: UP while its TCP server accepts connections,
 * DOWN before it binds its address and once it stops listening (QUIT, shutdown, a failed
 * accept loop). A server that does not listen does no part of its job, whoever is to blame.
 *
 * <p>Details: {@code address} ({@code host:port} bound, or configured while unbound),
 * {@code accepting}, {@code openConnections}.
 */
public class ServerConnectionsHealthIndicator implements HealthIndicator {

    private final AbstractServerConnectionFactory factory;
    private final ConnectionRegistry connections;

    public ServerConnectionsHealthIndicator(AbstractServerConnectionFactory factory, ConnectionRegistry connections) {
        this.factory = factory;
        this.connections = connections;
    }

    @Override
    public Health health() {
        boolean accepting = factory.isRunning() && factory.isListening();
        return (accepting ? Health.up() : Health.down())
                .withDetail("address", address())
                .withDetail("accepting", accepting)
                .withDetail("openConnections", connections.openOn(factory.getComponentName()))
                .build();
    }

    private String address() {
        SocketAddress bound = factory.getServerSocketAddress();
        if (bound instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return new HostPort(inet.getAddress().getHostAddress(), inet.getPort()).toString();
        }
        String host = factory.getLocalAddress();
        return new HostPort(host == null || host.isBlank() ? "0.0.0.0" : host, factory.getPort()).toString();
    }
}
