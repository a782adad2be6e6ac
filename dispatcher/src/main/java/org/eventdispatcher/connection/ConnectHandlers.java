package org.eventdispatcher.connection;

import org.eventdispatcher.dispatch.MessageDispatcher;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

/**
 * The {@code @OnConnect} and {@code @OnDisconnect} handlers, as a connection listener: last of the
 * listeners, so that the registry and the meters know the connection before a greeting is sent.
 */
public final class ConnectHandlers implements ConnectionListener, Ordered {

    private final MessageDispatcher dispatcher;

    public ConnectHandlers(MessageDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void connectionEvent(Event event, Connection connection, @Nullable Throwable cause) {
        switch (event) {
            case OPENED -> dispatcher.connected(connection);
            case CLOSED -> dispatcher.disconnected(connection);
            case FAILED -> {}
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
