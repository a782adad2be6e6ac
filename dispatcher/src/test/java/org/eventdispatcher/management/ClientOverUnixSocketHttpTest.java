package org.eventdispatcher.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A client daemon whose server is {@code unix:/path}, asked over HTTP: the health and
 * {@code /actuator/connections} name the socket where they would name a host, and a missing socket
 * file is a refused attempt, retried.
 */
@SpringBootTest(
        classes = ClientOverUnixSocketHttpTest.ClientApplication.class,
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
class ClientOverUnixSocketHttpTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ClientApplication {}

    private static Path directory;
    private static Path socketFile;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry properties) throws IOException {
        directory = Files.createTempDirectory("unix-client");
        socketFile = directory.resolve("server.sock");
        properties.add("eventdispatcher.client.server", () -> "unix:" + socketFile);
    }

    @AfterAll
    static void removeDirectory() throws IOException {
        Files.deleteIfExists(socketFile);
        Files.deleteIfExists(directory);
    }

    @LocalManagementPort
    int managementPort;

    @Test
    void theHealthAndTheConnectionsNameTheUnixSocket() throws Exception {
        ManagementHttp http = new ManagementHttp(managementPort);
        String server = "unix:" + socketFile;

        JsonNode away = await().until(
                        () -> http.get("/actuator/health/readiness").connections(),
                        connections -> connections
                                        .path("details")
                                        .path("attemptsSinceLastSuccess")
                                        .asLong()
                                >= 2)
                .path("details");
        assertThat(away.path("server").asString()).isEqualTo(server);
        assertThat(away.path("lastError").asString()).isEqualTo("Connection refused: no socket file");

        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socketFile));
            try (SocketChannel accepted =
                    CompletableFuture.supplyAsync(() -> accept(listener)).get(10, TimeUnit.SECONDS)) {
                accepted.write(ByteBuffer.wrap("ALIVE\n".getBytes(StandardCharsets.US_ASCII)));

                JsonNode entries = await().until(
                                () -> http.get("/actuator/connections").body().path("connections"),
                                list -> list.size() == 1
                                        && list.get(0).path("messagesOut").asLong() == 1);
                JsonNode entry = entries.get(0);
                assertThat(entry.path("side").asString()).isEqualTo("client");
                assertThat(entry.path("transport").asString()).isEqualTo("unix");
                assertThat(entry.path("peer").asString()).isEqualTo(server);
                assertThat(entry.path("id").asString()).startsWith(server + ":");

                JsonNode connected = http.get("/actuator/health/readiness").connections();
                assertThat(connected.path("status").asString()).isEqualTo("UP");
                assertThat(connected.path("details").path("server").asString()).isEqualTo(server);
            }
        }
    }

    private static SocketChannel accept(ServerSocketChannel listener) {
        try {
            return listener.accept();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
