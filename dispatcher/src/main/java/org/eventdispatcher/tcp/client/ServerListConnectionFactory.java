package org.eventdispatcher.tcp.client;

import java.io.IOException;
import java.net.Socket;

import org.eventdispatcher.protocol.transport.HostPort;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;

/**
 * Spring Integration's client connection factory, told which server each connection goes to: the
 * permanent connection walks its list of servers and asks for a connection to one at a time.
 * Everything else (sockets, the reading thread, events, the inbound adapter) is the framework's.
 */
public class ServerListConnectionFactory extends TcpNetClientConnectionFactory {

    private volatile HostPort target;

    /** @param first the server until {@link #connect(HostPort)} names another */
    public ServerListConnectionFactory(HostPort first) {
        super(first.host(), first.port());
        this.target = first;
    }

    /** A new connection to {@code server}; attempts are made one at a time. */
    public TcpConnectionSupport connect(HostPort server) throws InterruptedException {
        target = server;
        return getConnection();
    }

    @Override
    protected Socket createSocket(String host, int port) throws IOException {
        HostPort server = target;
        return super.createSocket(server.host(), server.port());
    }
}
