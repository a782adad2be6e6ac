package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventdispatcher.connection.Connection;
import org.eventdispatcher.connection.ConnectionListener;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.OnConnect;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.testing.lines.LineClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The order a connection's life is told in, on the TCP server, whichever threads serve it. */
class ConnectionLifecycleTest {

    private final ApplicationContextRunner runner = ServerContext.runner()
            .withPropertyValues("eventdispatcher.server.listen=127.0.0.1:0")
            .withUserConfiguration(Timeline.class, Greeting.class);

    /** What happened, in the order it happened: the listener's events and the lines handled. */
    static class Timeline implements ConnectionListener {

        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void connectionEvent(Event event, Connection connection, @Nullable Throwable cause) {
            events.add(event.name());
        }
    }

    @MessageHandlers
    static class Greeting {

        private final Timeline timeline;

        Greeting(Timeline timeline) {
            this.timeline = timeline;
        }

        @OnConnect
        Message hi() {
            return Message.of("HI");
        }

        @OnCommand("NOTE")
        Message note(Message request) {
            timeline.events.add("NOTE " + request.stringParameter("n"));
            return Message.reply(request, "NOTED");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-loops", "thread-per-connection"})
    void aListenerHearsOpenedBeforeTheFirstLineAndClosedAfterTheLast(String threading) {
        runner.withPropertyValues("eventdispatcher.server.threading=" + threading)
                .run(context -> {
                    Timeline timeline = context.getBean(Timeline.class);
                    try (LineClient peer = new LineClient(
                            context.getBean(ListeningServer.class).getPort())) {
                        // written at once, before anything is read: the lines wait for the open
                        peer.write("NOTE n=1\nNOTE n=2\nNOTE n=3\n");
                        assertThat(peer.readLine()).isEqualTo("HI");
                        assertThat(peer.readLine()).isEqualTo("NOTED");
                    }
                    await().atMost(Duration.ofSeconds(10)).until(() -> timeline.events.contains("CLOSED"));
                    assertThat(timeline.events).containsExactly("OPENED", "NOTE 1", "NOTE 2", "NOTE 3", "CLOSED");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-loops", "thread-per-connection"})
    void theGreetingIsTheFirstLineAPeerReceivesEvenWhenItSpeaksFirst(String threading) {
        runner.withPropertyValues("eventdispatcher.server.threading=" + threading)
                .run(context -> {
                    for (int i = 0; i < 20; i++) {
                        try (LineClient peer = new LineClient(
                                context.getBean(ListeningServer.class).getPort())) {
                            peer.send("ALIVE serial=" + i);
                            assertThat(peer.readLine()).as("connection %d", i).isEqualTo("HI");
                            assertThat(peer.readLine())
                                    .startsWith("ABSOLUTELY ")
                                    .endsWith("serial=" + i);
                        }
                    }
                });
    }
}
