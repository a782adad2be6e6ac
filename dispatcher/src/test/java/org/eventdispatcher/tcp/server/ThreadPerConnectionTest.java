package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code threading=thread-per-connection} takes effect: the handlers run off the event loops, and a
 * handler that blocks holds up its own peer only, while the one event loop they share answers
 * another.
 */
class ThreadPerConnectionTest {

    private final ApplicationContextRunner runner = ServerContext.runner()
            .withPropertyValues("eventdispatcher.server.listen=127.0.0.1:0", "eventdispatcher.server.event-loops=1")
            .withUserConfiguration(Handlers.class);

    @MessageHandlers
    static class Handlers {

        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean blockReturned = new AtomicBoolean();

        /** Blocks until the test releases it (a minute at most: a failed test ends). */
        @OnCommand("BLOCK")
        Message block(Message request) throws InterruptedException {
            blocked.countDown();
            boolean released = release.await(1, TimeUnit.MINUTES);
            blockReturned.set(true);
            return Message.reply(request, released ? "RELEASED" : "NEVER_RELEASED");
        }

        /** Says whether it runs on one of Netty's event loops, and on which thread. */
        @OnCommand("WHERE")
        Message where(Message request) {
            Thread thread = Thread.currentThread();
            return Message.replyBuilder(request, "HERE")
                    .parameter("event_loop", ThreadExecutorMap.currentExecutor() instanceof EventLoop)
                    .parameter("thread", thread.getName().isEmpty() ? "virtual" : thread.getName())
                    .build();
        }
    }

    @ParameterizedTest
    @CsvSource({"event-loops, true", "thread-per-connection, false"})
    void handlersRunOnTheEventLoopsOnlyWithEventLoopThreading(String threading, boolean onTheLoops) {
        runner.withPropertyValues("eventdispatcher.server.threading=" + threading)
                .run(context -> {
                    try (LineClient peer = new LineClient(
                            context.getBean(ListeningServer.class).getPort())) {
                        assertThat(peer.ask("WHERE")).startsWith("HERE event_loop=" + onTheLoops + ";");
                    }
                });
    }

    @Test
    void aBlockingHandlerHoldsUpOnlyItsOwnPeerWhileAnotherIsAnswered() {
        runner.withPropertyValues("eventdispatcher.server.threading=thread-per-connection")
                .run(context -> {
                    Handlers handlers = context.getBean(Handlers.class);
                    int port = context.getBean(ListeningServer.class).getPort();
                    try (LineClient blocking = new LineClient(port);
                            LineClient other = new LineClient(port)) {
                        blocking.write("BLOCK\nWHERE\n");
                        assertThat(handlers.blocked.await(10, TimeUnit.SECONDS))
                                .as("the handler blocks")
                                .isTrue();

                        // the two peers share the one event loop: this answer comes while BLOCK still blocks
                        assertThat(other.ask("WHERE")).startsWith("HERE event_loop=false;");
                        assertThat(handlers.blockReturned)
                                .as("answered while the other's handler blocked")
                                .isFalse();

                        handlers.release.countDown();
                        assertThat(blocking.readLine())
                                .as("its peer's next line waited behind the blocking one")
                                .isEqualTo("RELEASED");
                        assertThat(blocking.readLine()).startsWith("HERE event_loop=false;");
                    }
                });
    }
}
