package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** With a thread per connection: a handler that blocks holds up its own peer only, and each peer's lines keep their order. */
class HandlerThreadsTest {

    private final ApplicationContextRunner runner = ServerContext.runner()
            .withPropertyValues(
                    "eventdispatcher.server.listen=127.0.0.1:0",
                    "eventdispatcher.server.threading=thread-per-connection",
                    "eventdispatcher.server.event-loops=1")
            .withUserConfiguration(Handlers.class);

    @MessageHandlers
    static class Handlers {

        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Map<String, List<Integer>> handled = new ConcurrentHashMap<>();

        /** Blocks (a second at most, or until released), as a handler calling a slow service would. */
        @OnCommand("BLOCK")
        Message block(Message request) throws InterruptedException {
            blocked.countDown();
            boolean released = release.await(1, TimeUnit.SECONDS);
            return Message.reply(request, released ? "RELEASED" : "WAITED");
        }

        @OnCommand("SEQ")
        Message seq(Message request, Peer from) {
            int n = request.intParameter("n");
            handled.computeIfAbsent(from.id(), id -> new CopyOnWriteArrayList<>())
                    .add(n);
            return Message.replyBuilder(request, "SEEN").parameter("n", n).build();
        }
    }

    @Test
    void aHandlerThatBlocksDelaysNoOtherConnectionsReply() {
        runner.run(context -> {
            Handlers handlers = context.getBean(Handlers.class);
            int port = context.getBean(ListeningServer.class).getPort();
            try (LineClient blocking = new LineClient(port);
                    LineClient other = new LineClient(port)) {
                blocking.send("BLOCK");
                assertThat(handlers.blocked.await(10, TimeUnit.SECONDS))
                        .as("the handler blocks")
                        .isTrue();
                // both connections share the one event loop: the answer comes while the handler still blocks
                assertThat(other.ask("ALIVE serial=1"))
                        .startsWith("ABSOLUTELY ")
                        .endsWith("serial=1");
                handlers.release.countDown();
                assertThat(blocking.readLine()).startsWith("RELEASED");
            }
        });
    }

    @Test
    void theLinesOfOneConnectionAreHandledInTheirOrder() {
        runner.run(context -> {
            Handlers handlers = context.getBean(Handlers.class);
            int port = context.getBean(ListeningServer.class).getPort();
            int lines = 2_000;
            try (LineClient first = new LineClient(port);
                    LineClient second = new LineClient(port)) {
                StringBuilder requests = new StringBuilder();
                IntStream.range(0, lines)
                        .forEach(n -> requests.append("SEQ n=").append(n).append('\n'));
                first.write(requests.toString()); // pipelined: many lines per read, reads queued behind handlers
                second.write(requests.toString());
                for (int n = 0; n < lines; n++) {
                    assertThat(first.readLine()).isEqualTo("SEEN n=" + n);
                    assertThat(second.readLine()).isEqualTo("SEEN n=" + n);
                }
            }
            List<Integer> inOrder = IntStream.range(0, lines).boxed().toList();
            assertThat(handlers.handled.values()).hasSize(2).allSatisfy(seen -> assertThat(seen)
                    .isEqualTo(inOrder));
        });
    }
}
