package org.eventdispatcher.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Peers that misbehave all at once, beyond the connection limit: resets, half-closes, peers that
 * never read, connections opened and dropped. Afterwards nothing is left open anywhere and every
 * slot can be taken again.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "eventdispatcher.server.listen=127.0.0.1:0",
            "eventdispatcher.server.max-connections=50",
            "eventdispatcher.server.send-timeout=500ms",
            "eventdispatcher.daemon.exit-jvm=false",
            "eventdispatcher.log-rotate.enabled=false"
        })
class StormTest {

    private static final int PEERS = 400;

    @Autowired
    ListeningServer server;

    @Autowired
    ConnectionRegistry connections;

    @Autowired
    MeterRegistry meters;

    @Test
    void afterAStormNothingIsLeftOpenAndEverySlotCanBeTakenAgain() throws Exception {
        int port = server.getPort();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Void>> storm = new ArrayList<>();
            for (int i = 0; i < PEERS; i++) {
                int kind = i % 4;
                storm.add(() -> {
                    misbehave(kind, port);
                    return null;
                });
            }
            for (Future<Void> peer : pool.invokeAll(storm)) {
                peer.get();
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(server.slots().open()).isZero();
            assertThat(server.getOpenConnectionIds()).isEmpty();
            assertThat(connections.size()).isZero();
            assertThat(meters.get("eventdispatcher.connections.open")
                            .tag("side", "server")
                            .gauge()
                            .value())
                    .isZero();
        });
        List<LineClient> all = new ArrayList<>();
        try {
            for (int i = 0; i < server.slots().max(); i++) {
                LineClient client = new LineClient(port);
                all.add(client);
                assertThat(client.readLine()).as("client %d", i).isEqualTo("HI");
            }
            try (LineClient oneTooMany = new LineClient(port)) {
                assertThat(oneTooMany.closedByPeer()).isTrue();
            }
            assertThat(all.get(0).ask("DAD")).isEqualTo("CLIMB");
        } finally {
            for (LineClient client : all) {
                client.close();
            }
        }
    }

    /** One misbehaving peer; any failure it meets (a refusal, a reset, a drop) is part of the storm. */
    private static void misbehave(int kind, int port) {
        try {
            switch (kind) {
                case 0 -> { // reset in the middle of a line
                    LineClient client = new LineClient(port);
                    client.write("DAD\nTO");
                    client.reset();
                }
                case 1 -> { // half-close, then read what comes until the end
                    try (LineClient client = new LineClient(port)) {
                        client.send("DAD");
                        client.socket().shutdownOutput();
                        for (int line = 0; line < 10 && client.readLine() != null; line++) {
                            // HI and CLIMB, unless refused
                        }
                    }
                }
                case 2 -> { // never reads, until the server drops it
                    try (Socket socket = new Socket()) {
                        socket.setReceiveBufferSize(4096);
                        socket.connect(new InetSocketAddress("127.0.0.1", port));
                        byte[] requests = "HELP\n".repeat(2_000).getBytes(StandardCharsets.US_ASCII);
                        for (int i = 0; i < 50; i++) {
                            socket.getOutputStream().write(requests);
                        }
                    }
                }
                default -> new LineClient(port).close(); // opened and dropped at once
            }
        } catch (IOException e) {
            // expected of a storm
        }
    }
}
