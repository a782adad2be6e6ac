package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With a thread per connection: a handler that blocks holds up its own peer only, whose further
 * lines back up into its own socket, and each peer's lines keep their order.
 */
class HandlerThreadsTest {

    /** A line handled without a reply, a kilobyte long: a flood of them takes no great number of lines. */
    private static final String QUIET_LINE = "QUIET pad=" + "x".repeat(1013) + "\n";

    /** Far beyond what the kernel buffers between a peer and a server that does not read. */
    private static final long FLOOD_BYTES = 256L * 1024 * 1024;

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
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch letGo = new CountDownLatch(1);
        final AtomicInteger quiet = new AtomicInteger();

        /** Blocks (a second at most, or until released), as a handler calling a slow service would. */
        @OnCommand("BLOCK")
        Message block(Message request) throws InterruptedException {
            blocked.countDown();
            boolean released = release.await(1, TimeUnit.SECONDS);
            return Message.reply(request, released ? "RELEASED" : "WAITED");
        }

        /** Holds its connection's queue until the test lets go (a minute at most: a failed test ends). */
        @OnCommand("HOLD")
        void hold() throws InterruptedException {
            held.countDown();
            letGo.await(1, TimeUnit.MINUTES);
        }

        /** Counts its lines and answers none: replies the test does not read would stop the reading too. */
        @OnCommand("QUIET")
        void quiet() {
            quiet.incrementAndGet();
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
    void theLinesBehindAHandlerThatBlocksBackUpIntoItsOwnSocketNotTheServersMemory() {
        runner.run(context -> {
            Handlers handlers = context.getBean(Handlers.class);
            int port = context.getBean(ListeningServer.class).getPort();
            try (SocketChannel blocked = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                    LineClient other = new LineClient(port)) {
                blocked.write(ascii("HOLD\n"));
                assertThat(handlers.held.await(10, TimeUnit.SECONDS))
                        .as("the handler holds")
                        .isTrue();
                blocked.configureBlocking(false);
                ByteBuffer lines = ascii(QUIET_LINE.repeat(64));
                long written = 0;
                int serial = 0;
                while (written < FLOOD_BYTES) {
                    if (!lines.hasRemaining()) {
                        lines.rewind();
                    }
                    int bytes = blocked.write(lines);
                    if (bytes == 0) {
                        // the sockets are full: meanwhile the other peer is answered by the same event
                        // loop, and after that the server has still not read on behind the handler
                        assertThat(other.ask("ALIVE serial=" + ++serial)).startsWith("ABSOLUTELY ");
                        bytes = blocked.write(lines);
                        if (bytes == 0) {
                            break;
                        }
                    }
                    written += bytes;
                }
                assertThat(written)
                        .as("bytes the peer could write while its handler held: its socket's buffers and a few reads")
                        .isLessThan(FLOOD_BYTES);
                handlers.letGo.countDown();
                blocked.configureBlocking(true);
                written += blocked.write(lines); // the rest of a line cut short
                long sent = written / QUIET_LINE.length();
                await().atMost(Duration.ofMinutes(1)).until(() -> handlers.quiet.get() == sent);
            }
        });
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aPeerThatClosesItsSideGetsEveryReplyThenTheClose() {
        runner.run(context -> {
            int port = context.getBean(ListeningServer.class).getPort();
            try (LineClient peer = new LineClient(port)) {
                peer.send("SEQ n=0");
                assertThat(peer.readLine()).isEqualTo("SEEN n=0"); // one answered: its queue is idle
                StringBuilder requests = new StringBuilder();
                IntStream.range(1, 500)
                        .forEach(n -> requests.append("SEQ n=").append(n).append('\n'));
                peer.write(requests.toString());
                peer.socket().shutdownOutput();
                for (int n = 1; n < 500; n++) {
                    assertThat(peer.readLine()).isEqualTo("SEEN n=" + n);
                }
                assertThat(peer.closedByPeer()).isTrue();
            }
            try (LineClient answered = new LineClient(port)) { // every line answered when it closes its side
                assertThat(answered.ask("SEQ n=0")).isEqualTo("SEEN n=0");
                answered.socket().shutdownOutput();
                assertThat(answered.closedByPeer()).isTrue();
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
