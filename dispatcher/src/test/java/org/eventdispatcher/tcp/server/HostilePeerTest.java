package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eventdispatcher.autoconfigure.MetricsAutoConfiguration;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.management.ConnectionMetrics;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What a hostile or broken peer cannot do to the server: hold a slot for ever, starve the others. */
class HostilePeerTest {

    private final ApplicationContextRunner runner = ServerContext.runner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("eventdispatcher.server.listen=127.0.0.1:0", "eventdispatcher.server.event-loops=1");

    @ParameterizedTest
    @ValueSource(strings = {"event-loops", "thread-per-connection"})
    void aPeerThatHalfClosesAndNeverReadsGivesItsSlotBackAfterTheSendTimeout(String threading) {
        runner.withPropertyValues(
                        "eventdispatcher.server.threading=" + threading,
                        "eventdispatcher.server.max-connections=1",
                        "eventdispatcher.server.send-timeout=300ms")
                .run(context -> {
                    ListeningServer server = server(context);
                    // the FIN must be read before the replies fill the kernel's buffers, and they must
                    // overflow them: where that happens depends on the kernel, so a range of sizes
                    for (int requests = 20_000; requests <= 40_000; requests += 2_000) {
                        try (Socket hostile = new Socket()) {
                            hostile.setReceiveBufferSize(4096);
                            hostile.connect(new InetSocketAddress("127.0.0.1", server.getPort()));
                            try {
                                hostile.getOutputStream()
                                        .write("HELP\n".repeat(requests).getBytes(StandardCharsets.US_ASCII));
                                hostile.shutdownOutput(); // FIN, and never a read
                            } catch (SocketException dropped) {
                                // the server stopped reading, then dropped this peer for taking no reply
                                // (send-timeout) before it had written all: its slot must come back all the same
                            }

                            await("the slot of a peer that sent %d requests".formatted(requests))
                                    .atMost(Duration.ofSeconds(5))
                                    .until(() -> server.slots().open() == 0);
                            try (LineClient next = new LineClient(server.getPort())) {
                                assertThat(next.ask("ALIVE serial=1"))
                                        .startsWith("ABSOLUTELY ")
                                        .endsWith("serial=1");
                            }
                        }
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-loops", "thread-per-connection"})
    void aLineNotCompleteWithinTheLineTimeoutIsAnsweredInvalidAndClosed(String threading) {
        runner.withPropertyValues(
                        "eventdispatcher.server.threading=" + threading, "eventdispatcher.server.line-timeout=300ms")
                .run(context -> {
                    try (LineClient slow = new LineClient(server(context).getPort());
                            LineClient other = new LineClient(server(context).getPort())) {
                        slow.write("ALIVE serial=1\nALIVE ser");

                        assertThat(slow.readLine()).startsWith("ABSOLUTELY ").endsWith("serial=1");
                        assertThat(slow.readLine()).startsWith("INVALID message=LINE_TIMEOUT: ");
                        assertThat(slow.closedByPeer()).isTrue();
                        assertThat(meter(context, ConnectionMetrics.LINE_TIMEOUTS))
                                .isEqualTo(1);
                        assertThat(other.ask("ALIVE serial=2"))
                                .as("the others are served")
                                .endsWith("serial=2");
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-loops", "thread-per-connection"})
    void aPeerTricklingBytesOfALineIsProbedAndClosedByTheHeartbeat(String threading) {
        runner.withPropertyValues(
                        "eventdispatcher.server.threading=" + threading,
                        "eventdispatcher.server.heartbeat.idle=300ms",
                        "eventdispatcher.server.heartbeat.timeout=300ms",
                        "eventdispatcher.server.line-timeout=1h")
                .run(context -> {
                    try (LineClient trickling = new LineClient(server(context).getPort())) {
                        try (Trickle trickle = new Trickle(trickling)) {
                            assertThat(trickling.readLine())
                                    .as("bytes are no sign of life: probed")
                                    .isEqualTo("ALIVE");
                            assertThat(trickling.closedByPeer()).isTrue();
                        }
                        await().atMost(Duration.ofSeconds(10))
                                .until(() -> meter(context, ConnectionMetrics.HEARTBEAT_FAILURES) == 1);
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-loops", "thread-per-connection"})
    void aPeerTricklingBytesOfALineIsClosedAfterTheIdleTimeout(String threading) {
        runner.withPropertyValues(
                        "eventdispatcher.server.threading=" + threading,
                        "eventdispatcher.server.idle-timeout=500ms",
                        "eventdispatcher.server.heartbeat.idle=0",
                        "eventdispatcher.server.line-timeout=1h")
                .run(context -> {
                    try (LineClient trickling = new LineClient(server(context).getPort());
                            Trickle trickle = new Trickle(trickling)) {
                        assertThat(trickling.closedByPeer()).isTrue();
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-loops", "thread-per-connection"})
    void connectionsBeyondThePerAddressLimitAreRefusedAndCountedWhileOtherAddressesAreServed(String threading) {
        runner.withPropertyValues(
                        "eventdispatcher.server.threading=" + threading,
                        "eventdispatcher.server.max-connections-per-address=2")
                .run(context -> {
                    int port = server(context).getPort();
                    try (LineClient first = new LineClient(port);
                            LineClient second = new LineClient(port)) {
                        assertThat(first.ask("ALIVE serial=1")).endsWith("serial=1");
                        assertThat(second.ask("ALIVE serial=2")).endsWith("serial=2");

                        try (LineClient third = new LineClient(port)) {
                            assertThat(third.closedByPeer()).as("refused").isTrue();
                        }
                        assertThat(rejected(context, "max-connections-per-address"))
                                .isEqualTo(1);
                        assertThat(rejected(context, "max-connections")).isZero();
                        try (LineClient elsewhere = new LineClient("127.0.0.2", port)) {
                            assertThat(elsewhere.ask("ALIVE serial=3"))
                                    .as("another address is served")
                                    .endsWith("serial=3");
                        }
                    }
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> server(context).slots().open() == 0);
                    try (LineClient again = new LineClient(port)) {
                        assertThat(again.ask("ALIVE serial=4"))
                                .as("its slots came back")
                                .endsWith("serial=4");
                    }
                });
    }

    private static double rejected(AssertableApplicationContext context, String reason) {
        return context.getBean(MeterRegistry.class)
                .get(ConnectionMetrics.REJECTED)
                .tag("side", "server")
                .tag("reason", reason)
                .counter()
                .count();
    }

    /** Answers {@code BIG} with one reply of 8 MiB. */
    @MessageHandlers
    static class BigReplies {

        static final int SIZE = 8 * 1024 * 1024;
        private static final String DATA = "x".repeat(SIZE);

        @OnCommand("BIG")
        Message big(Message request) {
            return Message.replyBuilder(request, "HUGE").parameter("data", DATA).build();
        }
    }

    @Test
    void aPeerThatReadsATrickleOfAReplyIsDroppedAfterTheSendTimeout() {
        runner.withBean(BigReplies.class)
                .withPropertyValues("eventdispatcher.server.send-timeout=2s")
                .run(context -> {
                    try (Socket trickling = new Socket()) {
                        trickling.setReceiveBufferSize(64 * 1024); // no autotuning: the pile stays on the server
                        trickling.connect(new InetSocketAddress(
                                "127.0.0.1", server(context).getPort()));
                        trickling.setSoTimeout(10_000);
                        trickling.getOutputStream().write("BIG\n".getBytes(StandardCharsets.US_ASCII));

                        // 64 KiB every 50 ms: bytes keep coming, but the reply would take seconds
                        CompletableFuture<Long> read = new CompletableFuture<>();
                        ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
                        AtomicLong total = new AtomicLong();
                        byte[] buffer = new byte[64 * 1024];
                        try {
                            reader.scheduleWithFixedDelay(
                                    () -> {
                                        try {
                                            int n = trickling.getInputStream().read(buffer);
                                            if (n < 0 || total.addAndGet(n) > BigReplies.SIZE) {
                                                read.complete(n < 0 ? total.get() : -1L);
                                            }
                                        } catch (IOException e) {
                                            read.complete(total.get());
                                        }
                                    },
                                    0,
                                    50,
                                    TimeUnit.MILLISECONDS);

                            assertThat(read.get(30, TimeUnit.SECONDS))
                                    .as("bytes read before the close; -1: the whole reply")
                                    .isBetween(0L, (long) BigReplies.SIZE);
                        } finally {
                            reader.shutdownNow();
                        }
                    }
                });
    }

    /** A slowloris: one byte of a line that never ends, every 50 ms, until the server closes or 20 s. */
    static final class Trickle implements AutoCloseable {

        private final ScheduledExecutorService bytes = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger sent = new AtomicInteger();

        Trickle(LineClient client) {
            bytes.scheduleAtFixedRate(
                    () -> {
                        if (sent.incrementAndGet() > 400) {
                            bytes.shutdown();
                            return;
                        }
                        try {
                            client.write("x");
                        } catch (IOException closed) {
                            bytes.shutdown();
                        }
                    },
                    0,
                    50,
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            bytes.shutdownNow();
        }
    }

    private static double meter(AssertableApplicationContext context, String name) {
        return context.getBean(MeterRegistry.class)
                .get(name)
                .tag("side", "server")
                .counter()
                .count();
    }

    private static ListeningServer server(AssertableApplicationContext context) {
        return context.getBean(ListeningServer.class);
    }
}
