package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eventdispatcher.connection.Connection;
import org.eventdispatcher.connection.ConnectionEvents;
import org.eventdispatcher.connection.ConnectionListener;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnConnect;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.testing.lines.LineClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the Netty transport promises beyond the conversation: sends from other threads, a single loop not held up, a clean stop. */
class NettyServerTest {

    private final ApplicationContextRunner runner = ServerContext.runner()
            .withPropertyValues(
                    "eventdispatcher.server.listen=127.0.0.1:0",
                    "eventdispatcher.server.event-loops=1",
                    "eventdispatcher.server.send-timeout=30s");

    /** Greets every peer from a thread that is not an event loop's. */
    @MessageHandlers
    static class GreetingFromElsewhere {

        private final MessageDispatcher dispatcher;

        GreetingFromElsewhere(MessageDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @OnConnect
        void greet(Peer peer) {
            CompletableFuture.runAsync(() -> dispatcher.send(Message.of("HELLO"), peer));
        }
    }

    /** Greets every peer as it connects, on the thread that tells of the connection. */
    @MessageHandlers
    static class GreetingOnConnect {

        @OnConnect
        Message hi() {
            return Message.of("HI");
        }
    }

    /**
     * An {@link Error} from a connection listener, as an out-of-memory would be: the
     * {@link ConnectionEvents} go on past an exception, not past an error.
     */
    static class ListenerError extends Error {
        ListenerError() {
            super("thrown by a connection listener", null, false, false);
        }
    }

    /** Fails as the first two connections open. */
    static class FailingOnOpen implements ConnectionListener {

        private final AtomicInteger failuresLeft = new AtomicInteger(2);

        @Override
        public void connectionEvent(Event event, Connection connection, @Nullable Throwable cause) {
            if (event == Event.OPENED && failuresLeft.getAndDecrement() > 0) {
                throw new ListenerError();
            }
        }
    }

    /** Fails as every connection closes. */
    static class FailingOnClose implements ConnectionListener {

        @Override
        public void connectionEvent(Event event, Connection connection, @Nullable Throwable cause) {
            if (event == Event.CLOSED) {
                throw new ListenerError();
            }
        }
    }

    @Test
    void anErrorAsAConnectionOpensClosesItAndGivesItsSlotBack() {
        runner.withPropertyValues("eventdispatcher.server.max-connections=2")
                .withUserConfiguration(FailingOnOpen.class)
                .run(context -> {
                    ListeningServer server = context.getBean(ListeningServer.class);
                    for (int i = 0; i < 2; i++) {
                        try (LineClient failed = new LineClient(server.getPort())) {
                            assertThat(failed.closedByPeer())
                                    .as("closed by the server")
                                    .isTrue();
                        }
                    }
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> server.slots().open() == 0);
                    try (LineClient served = new LineClient(server.getPort());
                            LineClient alsoServed = new LineClient(server.getPort())) {
                        served.send("ALIVE serial=1");
                        alsoServed.send("ALIVE serial=2");
                        assertThat(served.readLine()).startsWith("ABSOLUTELY ").endsWith("serial=1");
                        assertThat(alsoServed.readLine())
                                .startsWith("ABSOLUTELY ")
                                .endsWith("serial=2");
                    }
                });
    }

    @Test
    void anErrorAsAConnectionClosesStillGivesItsSlotBack() {
        runner.withPropertyValues("eventdispatcher.server.max-connections=2")
                .withUserConfiguration(FailingOnClose.class)
                .run(context -> {
                    ListeningServer server = context.getBean(ListeningServer.class);
                    for (int i = 0; i < 5; i++) {
                        try (LineClient socket = new LineClient(server.getPort())) {
                            socket.send("ALIVE serial=" + i);
                            assertThat(socket.readLine()).as("connection %d", i).startsWith("ABSOLUTELY ");
                        }
                        await().atMost(Duration.ofSeconds(10))
                                .until(() -> server.slots().open() == 0);
                    }
                });
    }

    @Test
    void acceptedConnectionsAreKeptAliveByTheKernel() {
        // the kernel's connection tables; the server's socket may be IPv6 (dual stack) for 127.0.0.1
        List<Path> connections = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
        assumeTrue(Files.isReadable(connections.get(0)), "the kernel's connection table is readable (Linux)");
        runner.run(context -> {
            int port = context.getBean(ListeningServer.class).getPort();
            try (LineClient socket = new LineClient(port)) {
                socket.send("ALIVE serial=1");
                assertThat(socket.readLine()).startsWith("ABSOLUTELY ");
                // an idle socket with SO_KEEPALIVE has its keepalive timer armed, hours away
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> keepaliveArmed(
                                connections, port, socket.socket().getLocalPort()));
            }
        });
    }

    /** True when the server's end of the connection has a timer more than 100 s away: keepalive's. */
    private static boolean keepaliveArmed(List<Path> tables, int serverPort, int clientPort) throws IOException {
        String local = String.format(":%04X", serverPort);
        String remote = String.format(":%04X", clientPort);
        List<String> lines = new ArrayList<>();
        for (Path table : tables) {
            if (Files.isReadable(table)) {
                lines.addAll(Files.readAllLines(table));
            }
        }
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 5 && fields[1].endsWith(local) && fields[2].endsWith(remote)) {
                String[] timer = fields[5].split(":"); // timer kind : clock ticks (1/100 s) until it fires
                return timer[0].equals("02") && Long.parseLong(timer[1], 16) > 100 * 100;
            }
        }
        return false;
    }

    @Test
    void theGreetingIsCountedWithTheConnection() {
        runner.withBean(ConnectionRegistry.class, () -> new ConnectionRegistry(Clock.systemUTC()))
                .withUserConfiguration(GreetingOnConnect.class)
                .run(context -> {
                    try (LineClient socket = new LineClient(
                            context.getBean(ListeningServer.class).getPort())) {
                        assertThat(socket.readLine()).isEqualTo("HI");
                        socket.send("ALIVE serial=3");
                        assertThat(socket.readLine()).startsWith("ABSOLUTELY ");
                        ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
                        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry.connections())
                                .singleElement()
                                .satisfies(connection -> {
                                    assertThat(connection.messagesIn()).isEqualTo(1);
                                    assertThat(connection.messagesOut()).isEqualTo(2);
                                }));
                    }
                });
    }

    @Test
    void aMessageSentFromAnotherThreadReachesItsPeer() {
        runner.withUserConfiguration(GreetingFromElsewhere.class).run(context -> {
            try (LineClient socket =
                    new LineClient(context.getBean(ListeningServer.class).getPort())) {
                assertThat(socket.readLine()).isEqualTo("HELLO");
                socket.send("ALIVE serial=1");
                assertThat(socket.readLine()).startsWith("ABSOLUTELY ");
            }
        });
    }

    @Test
    void aPeerThatDoesNotReadDoesNotHoldUpTheOthersOfItsLoop() {
        runner.run(context -> {
            int port = context.getBean(ListeningServer.class).getPort();
            try (Socket flooder = new Socket();
                    LineClient other = new LineClient(port)) {
                flooder.setReceiveBufferSize(4096);
                flooder.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                AtomicLong sent = new AtomicLong();
                CompletableFuture.runAsync(() -> {
                    byte[] requests = "HELP\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
                    try {
                        for (int i = 0; i < 2_000; i++) { // at most 100 MB, and not one reply read
                            flooder.getOutputStream().write(requests);
                            sent.addAndGet(requests.length);
                        }
                    } catch (IOException e) {
                        // closed by the test once the other peer has been served
                    }
                });
                // its replies (twenty times the size of its requests) stopped fitting long ago
                await().atMost(Duration.ofSeconds(20)).until(() -> sent.get() >= 2_000_000);
                other.send("ALIVE serial=2");
                assertThat(other.readLine()).startsWith("ABSOLUTELY ").endsWith("serial=2");
            }
        });
    }

    @Test
    void stoppingClosesEveryConnectionAndReleasesTheAddress() throws Exception {
        int[] port = new int[1];
        Socket[] peers = new Socket[3];
        runner.run(context -> {
            ListeningServer server = context.getBean(ListeningServer.class);
            port[0] = server.getPort();
            for (int i = 0; i < peers.length; i++) {
                peers[i] = new Socket(InetAddress.getLoopbackAddress(), port[0]);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.slots().open() == peers.length);
        });
        for (Socket peer : peers) {
            peer.setSoTimeout(10_000);
            assertThat(peer.getInputStream().read()).as("end of stream").isEqualTo(-1);
            peer.close();
        }
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            // the bind is the check: it throws when the port is still held (isBound() after it cannot fail)
            assertThatCode(() -> again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port[0])))
                    .as("the port is free again")
                    .doesNotThrowAnyException();
        }
    }
}
