package org.eventdispatcher.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventdispatcher.connection.ConnectionListener.Event;
import org.junit.jupiter.api.Test;

class ConnectionEventsTest {

    private final List<String> told = new CopyOnWriteArrayList<>();

    private ConnectionListener named(String name) {
        return (event, connection, cause) ->
                told.add(name + " " + event + (cause == null ? "" : " " + cause.getMessage()));
    }

    @Test
    void everyListenerIsToldEveryEventInItsOrder() {
        ConnectionEvents events = new ConnectionEvents(List.of(named("registry"), named("meters")));
        Connection connection = new TestConnection("test-1", Side.SERVER, "tcp", "127.0.0.1:40000");
        events.opened(connection);
        events.failed(connection, new IOException("reset"));
        events.closed(connection);
        assertThat(told)
                .containsExactly(
                        "registry OPENED",
                        "meters OPENED",
                        "registry FAILED reset",
                        "meters FAILED reset",
                        "registry CLOSED",
                        "meters CLOSED");
    }

    @Test
    void aListenerThatThrowsDoesNotKeepTheNextFromBeingTold() {
        ConnectionListener failing = (event, connection, cause) -> {
            throw new IllegalStateException("broken listener");
        };
        ConnectionEvents events = new ConnectionEvents(List.of(failing, named("next")));
        events.opened(new TestConnection("test-1", Side.SERVER, "tcp", "127.0.0.1:40000"));
        assertThat(told).containsExactly("next " + Event.OPENED);
    }
}
