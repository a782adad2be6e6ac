package org.eventdispatcher.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.tcp.client.PermanentConnection;
import org.eventdispatcher.testing.ports.FreePorts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A client daemon's permanent connection, asked over real HTTP on its management port: not ready
 * while its server is away (yet alive, retrying), ready once a real server socket accepts it.
 */
@SpringBootTest(
        classes = ClientManagementHttpTest.ClientApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "eventdispatcher.client.reconnect.pauses=0.1",
            "eventdispatcher.client.reconnect.jitter=0",
            "eventdispatcher.client.stall-timeout=0",
            "eventdispatcher.log-rotate.enabled=false",
            "eventdispatcher.daemon.exit-jvm=false",
            "spring.main.banner-mode=off"
        })
class ClientManagementHttpTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ClientApplication {}

    /** Bound once by the system, then released: nobody listens there until the test does. */
    private static int serverPort;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry properties) throws IOException {
        serverPort = FreePorts.tcp();
        properties.add("eventdispatcher.client.server", () -> "127.0.0.1:" + serverPort);
    }

    @LocalManagementPort
    int managementPort;

    @Autowired
    PermanentConnection connection;

    @Autowired
    MeterRegistry registry;

    @Test
    void notReadyWhileTheServerIsAwayReadyWhenConnectedAndAliveThroughout() throws IOException {
        ManagementHttp http = new ManagementHttp(managementPort);

        ManagementHttp.Response away = await().until(
                        () -> http.get("/actuator/health/readiness"),
                        readiness -> readiness
                                        .connections()
                                        .path("details")
                                        .path("attemptsSinceLastSuccess")
                                        .asLong()
                                >= 2);
        assertThat(away.status()).isEqualTo(503);
        assertThat(away.body().path("status").asString()).isEqualTo("OUT_OF_SERVICE");
        JsonNode details = away.connections().path("details");
        assertThat(away.connections().path("status").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(details.path("state").asString()).isIn("DISCONNECTED", "CONNECTING");
        assertThat(details.path("server").asString()).isEqualTo("127.0.0.1:" + serverPort);
        assertThat(details.path("lastError").asString()).isNotBlank();
        assertThat(details.path("since").asString()).isNotBlank();
        assertAlive(http);

        connection.send(Message.of("EVENT"), true);
        connection.send(Message.of("EVENT"), true);
        assertThat(http.get("/actuator/health/readiness")
                        .connections()
                        .path("details")
                        .path("buffered")
                        .asLong())
                .isEqualTo(2);
        assertThat(registry.get(ReconnectBufferMetrics.MESSAGES).gauge().value())
                .isEqualTo(2);
        assertThat(registry.get(ReconnectBufferMetrics.DROPPED)
                        .functionCounter()
                        .count())
                .isZero();

        try (ServerSocket server = listen(serverPort);
                Socket accepted = server.accept()) {
            accepted.setSoTimeout(10_000);
            ManagementHttp.Response connected =
                    await().until(() -> http.get("/actuator/health/readiness"), readiness -> readiness.status() == 200);
            assertThat(connected.body().path("status").asString()).isEqualTo("UP");
            assertThat(connected.connections().path("details").path("state").asString())
                    .isEqualTo("CONNECTED");
            assertAlive(http);

            OutputStream out = accepted.getOutputStream();
            out.write("ALIVE\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(accepted.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).as("what was buffered comes first").isEqualTo("EVENT");
            assertThat(in.readLine()).isEqualTo("EVENT");
            assertThat(in.readLine()).startsWith("ABSOLUTELY");
            assertThat(connection.buffered()).isZero();
            // a line from the server proved the connection healthy
            await().until(() -> http.get("/actuator/health/readiness")
                            .connections()
                            .path("details")
                            .path("attemptsSinceLastSuccess")
                            .asLong()
                    == 0);

            JsonNode entries = await().until(
                            () -> http.get("/actuator/connections").body().path("connections"),
                            list -> list.size() == 1
                                    && list.get(0).path("messagesOut").asLong() == 1);
            JsonNode entry = entries.get(0);
            assertThat(entry.path("side").asString()).isEqualTo("client");
            assertThat(entry.path("peer").asString()).isEqualTo("127.0.0.1:" + serverPort);
            assertThat(entry.path("messagesIn").asLong()).isEqualTo(1);
            assertThat(entry.path("lastMessageAt").asString()).isNotBlank();
        }

        // the server went away again: not ready, retrying, alive; the connection is no longer listed
        await().until(() -> http.get("/actuator/health/readiness").status() == 503);
        await().until(() ->
                http.get("/actuator/connections").body().path("open").asInt() == 0);
        assertAlive(http);
    }

    /** A real server socket; accept() gives up after a while rather than hang the build. */
    private static ServerSocket listen(int port) throws IOException {
        ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout(10_000);
        return server;
    }

    private static void assertAlive(ManagementHttp http) {
        ManagementHttp.Response liveness = http.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.body().path("status").asString()).isEqualTo("UP");
    }
}
