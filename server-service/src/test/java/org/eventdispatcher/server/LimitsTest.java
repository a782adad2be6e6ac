package org.eventdispatcher.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The configurable limits: connections, silent peers, peers that do not read. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "eventdispatcher.server.listen=127.0.0.1:0",
            "eventdispatcher.server.max-connections=5",
            "eventdispatcher.server.send-timeout=500ms",
            "eventdispatcher.server.idle-timeout=4s",
            "eventdispatcher.daemon.exit-jvm=false",
            "eventdispatcher.log-rotate.enabled=false"
        })
class LimitsTest {

    @Autowired
    ListeningServer server;

    @Autowired
    ConnectionRegistry connections;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void noConnectionLeftFromAnotherTest() {
        await().atMost(Duration.ofSeconds(10)).until(() -> server.slots().open() == 0);
    }

    @Test
    void connectionsBeyondTheMaximumAreClosedAtOnce() throws Exception {
        List<LineClient> admitted = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                LineClient client = new LineClient(server.getPort());
                admitted.add(client);
                assertThat(client.readLine()).isEqualTo("HI");
            }
            double rejectedBefore = rejected();
            try (LineClient refused = new LineClient(server.getPort())) {
                assertThat(refused.closedByPeer()).isTrue();
            }
            assertThat(rejected()).isEqualTo(rejectedBefore + 1);
            assertThat(admitted.get(0).ask("DAD")).isEqualTo("CLIMB");
            admitted.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.slots().open() == 4);
            try (LineClient next = new LineClient(server.getPort())) {
                assertThat(next.readLine()).isEqualTo("HI");
            }
        } finally {
            for (LineClient client : admitted) {
                client.close();
            }
        }
    }

    private double rejected() {
        return meters.counter("eventdispatcher.connections.rejected", "side", "server", "reason", "max-connections")
                .count();
    }

    @Test
    void aSilentPeerIsClosedAfterTheIdleTimeout() throws Exception {
        try (LineClient silent = new LineClient(server.getPort())) {
            assertThat(silent.readLine()).isEqualTo("HI");
            assertThat(silent.closedByPeer()).isTrue();
        }
    }

    @Test
    void aPeerThatDoesNotReadItsRepliesIsDropped() throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()));
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            byte[] requests = "HELP\n".repeat(10_000).getBytes();
            try {
                for (int i = 0; i < 2_000; i++) { // at most 100 MB; the server gives up long before
                    socket.getOutputStream().write(requests);
                }
            } catch (IOException e) {
                writeFailure.set(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> writeFailure.get() != null);
            await().atMost(Duration.ofSeconds(10)).until(() -> connections.size() == 0);
        } finally {
            socket.close();
        }
    }
}
