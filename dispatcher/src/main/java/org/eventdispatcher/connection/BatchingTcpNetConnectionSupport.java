package org.eventdispatcher.connection;

import java.net.Socket;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/** Makes a Net connection factory (server or client) create {@link BatchingTcpNetConnection}s. */
public class BatchingTcpNetConnectionSupport implements TcpNetConnectionSupport {

    private final StalledWriteWatchdog watchdog;
    private final Consumer<BatchingTcpNetConnection> onClosed;

    /**
     * @param onClosed told once when a connection closes, whoever closed it
     */
    public BatchingTcpNetConnectionSupport(StalledWriteWatchdog watchdog, Consumer<BatchingTcpNetConnection> onClosed) {
        this.watchdog = watchdog;
        this.onClosed = onClosed;
    }

    @Override
    public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
            @Nullable ApplicationEventPublisher publisher, @Nullable String connectionFactoryName) {
        return new BatchingTcpNetConnection(socket, server, lookupHost, publisher, connectionFactoryName,
                watchdog, onClosed);
    }
}
