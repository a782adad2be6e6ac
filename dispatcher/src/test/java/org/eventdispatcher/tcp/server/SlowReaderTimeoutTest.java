package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eventdispatcher.connection.Connection;
import org.eventdispatcher.connection.ConnectionListener;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.tcp.netty.ReplyWriter;
import org.eventdispatcher.tcp.netty.SlowReaderException;
import org.eventdispatcher.testing.lines.LineClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The send timeout alone drops a peer that never reads its replies: no idle timeout, no heartbeat
 * in the way, and the cause the connection fails with is the slow reader's.
 */
class SlowReaderTimeoutTest {

    /** At most 256 MB written: far beyond any socket buffer, and still an end if the server never drops it. */
    private static final int MAX_WRITES = 4_000;

    private final ApplicationContextRunner runner = ServerContext.runner()
            .withUserConfiguration(Failures.class, ShortReplies.class)
            .withPropertyValues(
                    "eventdispatcher.server.listen=127.0.0.1:0",
                    "eventdispatcher.server.idle-timeout=0s",
                    "eventdispatcher.server.heartbeat.idle=0",
                    "eventdispatcher.server.line-timeout=1h",
                    "eventdispatcher.server.send-timeout=500ms");

    /** The causes connections failed with. */
    static class Failures implements ConnectionListener {

        final List<Throwable> causes = new CopyOnWriteArrayList<>();

        @Override
        public void connectionEvent(Event event, Connection connection, @Nullable Throwable cause) {
            if (event == Event.FAILED && cause != null) {
                causes.add(cause);
            }
        }
    }

    /**
     * Answers {@code P} with {@code Q}: a reply no longer than its request, so that the replies
     * waiting stay far below {@link ReplyWriter#MAX_PENDING} (the other way a slow reader is
     * dropped) and only the send timeout can drop the peer.
     */
    @MessageHandlers
    static class ShortReplies {

        @OnCommand("P")
        Message p(Message request) {
            return Message.reply(request, "Q");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-loops", "thread-per-connection"})
    void aPeerThatNeverReadsIsDroppedForNotReadingWithTheIdleTimeoutOff(String threading) {
        runner.withPropertyValues("eventdispatcher.server.threading=" + threading)
                .run(context -> {
                    int port = context.getBean(ListeningServer.class).getPort();
                    Failures failures = context.getBean(Failures.class);
                    try (Socket neverReads = new Socket()) {
                        neverReads.setReceiveBufferSize(4096);
                        neverReads.connect(new InetSocketAddress("127.0.0.1", port));
                        CompletableFuture<Integer> writes =
                                CompletableFuture.supplyAsync(() -> writeUntilDropped(neverReads));

                        assertThat(writes.get(30, TimeUnit.SECONDS))
                                .as("writes before the server dropped the peer")
                                .isLessThan(MAX_WRITES);
                        await().atMost(Duration.ofSeconds(10)).until(() -> !failures.causes.isEmpty());
                        assertThat(failures.causes)
                                .as("the connection failed for not reading, nothing else")
                                .hasOnlyElementsOfType(SlowReaderException.class)
                                .allSatisfy(cause -> assertThat(cause.getMessage())
                                        .as("dropped by the send timeout, not for the replies' pile")
                                        .endsWith("no reply taken in 500 ms"));
                    }
                    try (LineClient other = new LineClient(port)) {
                        assertThat(other.ask("ALIVE serial=1")).endsWith("serial=1");
                    }
                });
    }

    /** Requests, 64 KB at a time, until the server closes; the number of writes that went through. */
    private static int writeUntilDropped(Socket socket) {
        byte[] requests = "P\n".repeat(32 * 1024).getBytes(StandardCharsets.US_ASCII);
        int writes = 0;
        try {
            OutputStream out = socket.getOutputStream();
            for (; writes < MAX_WRITES; writes++) {
                out.write(requests);
            }
        } catch (IOException dropped) {
            // reset by the server: what the test waits for
        }
        return writes;
    }
}
