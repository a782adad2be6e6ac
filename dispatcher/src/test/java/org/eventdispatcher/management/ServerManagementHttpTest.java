package org.eventdispatcher.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eventdispatcher.tcp.server.NettyTcpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * A TCP server of this library's auto-configuration,
 * asked over real HTTP on its management port while real sockets connect, talk and leave.
 */
@SpringBootTest(
        classes = ServerManagementHttpTest.TcpServerApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "eventdispatcher.server.listen=127.0.0.1:0",
            "eventdispatcher.log-rotate.enabled=false",
            "eventdispatcher.daemon.exit-jvm=false",
            "spring.main.banner-mode=off"
        })
class ServerManagementHttpTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TcpServerApplication {}

    @LocalManagementPort
    int managementPort;

    @Autowired
    NettyTcpServer server;

    private ManagementHttp http;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void listening() {
        assertThat(server.isListening()).isTrue(); // bound as the context started
        http = new ManagementHttp(managementPort);
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    @Test
    void healthShowsTheListeningAddressAndTheOpenConnections() throws IOException {
        ManagementHttp.Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        JsonNode connections = health.connections();
        assertThat(connections.path("status").asString()).isEqualTo("UP");
        assertThat(connections.path("details").path("address").asString()).isEqualTo("127.0.0.1:" + server.getPort());
        assertThat(connections.path("details").path("accepting").asBoolean()).isTrue();
        assertThat(connections.path("details").path("openConnections").asInt()).isZero();

        connect();
        connect();
        await().until(() -> openConnections(), count -> count == 2);

        closeSockets();
        await().until(() -> openConnections(), count -> count == 0);
    }

    @Test
    void connectionsListsEachOpenConnectionWithItsTraffic() throws IOException {
        Instant before = Instant.now().minusSeconds(1); // the endpoint's clock counts in milliseconds
        Socket talking = connect();
        Socket quiet = connect();
        await().until(
                        () -> http.get("/actuator/connections")
                                .body()
                                .path("open")
                                .asInt(),
                        open -> open == 2);

        send(talking, "ALIVE");
        assertThat(readLine(talking)).startsWith("ABSOLUTELY");
        send(talking, "NOT A MESSAGE=");
        readLine(talking); // INVALID, answered too

        // the dispatcher tells its observers of a reply once it is written: the count may trail the line
        ManagementHttp.Response response = await().until(
                        () -> http.get("/actuator/connections"),
                        counted -> entry(counted.body().path("connections"), talking)
                                        .path("messagesOut")
                                        .asLong()
                                == 2);
        assertThat(response.status()).isEqualTo(200);
        JsonNode entries = response.body().path("connections");
        assertThat(entries.size()).isEqualTo(2);
        JsonNode first = entry(entries, talking);
        assertThat(first.path("id").asString()).isNotBlank();
        assertThat(first.path("side").asString()).isEqualTo("server");
        assertThat(first.path("messagesIn").asLong()).isEqualTo(2);
        assertThat(first.path("messagesOut").asLong()).isEqualTo(2);
        assertThat(Instant.parse(first.path("connectedSince").asString())).isAfter(before);
        assertThat(Instant.parse(first.path("lastMessageAt").asString()))
                .isAfterOrEqualTo(Instant.parse(first.path("connectedSince").asString()));
        JsonNode second = entry(entries, quiet);
        assertThat(second.path("messagesIn").asLong()).isZero();
        assertThat(second.path("messagesOut").asLong()).isZero();
        assertThat(second.path("lastMessageAt").isNull()).isTrue();
        // oldest first
        assertThat(entries.get(0).path("connectedSince").asString())
                .isLessThanOrEqualTo(entries.get(1).path("connectedSince").asString());

        closeSockets();
        await().until(
                        () -> http.get("/actuator/connections")
                                .body()
                                .path("connections")
                                .size(),
                        size -> size == 0);
    }

    /** Liveness is Spring Boot's probe group (livenessState alone, no details shown). */
    @Test
    void readinessTakesConnectionsInAndLivenessIsUp() {
        ManagementHttp.Response liveness = http.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.body().path("status").asString()).isEqualTo("UP");

        ManagementHttp.Response readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().path("status").asString()).isEqualTo("UP");
        assertThat(componentNames(readiness)).containsExactlyInAnyOrder("readinessState", "connections");
    }

    @Test
    @DirtiesContext
    void aServerThatStoppedListeningIsNotReadyButStillAlive() {
        server.stop();

        ManagementHttp.Response readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.body().path("status").asString()).isEqualTo("DOWN");
        assertThat(readiness.connections().path("details").path("accepting").asBoolean())
                .isFalse();

        ManagementHttp.Response liveness = http.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.body().path("status").asString()).isEqualTo("UP");
    }

    private int openConnections() {
        return http.get("/actuator/health")
                .connections()
                .path("details")
                .path("openConnections")
                .asInt();
    }

    private static List<String> componentNames(ManagementHttp.Response health) {
        List<String> names = new ArrayList<>();
        health.body().path("components").propertyNames().forEach(names::add);
        return names;
    }

    /** The entry whose peer is this socket's end. */
    private static JsonNode entry(JsonNode entries, Socket socket) {
        String peer = "127.0.0.1:" + socket.getLocalPort();
        for (JsonNode entry : entries) {
            if (entry.path("peer").asString().equals(peer)) {
                return entry;
            }
        }
        throw new AssertionError("no entry for " + peer + " in " + entries);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getPort());
        socket.setSoTimeout(10_000);
        sockets.add(socket);
        return socket;
    }

    private static void send(Socket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One line, read byte by byte: nothing after it is taken off the socket. */
    private static String readLine(Socket socket) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the server closed the connection after \"" + line + "\"");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
