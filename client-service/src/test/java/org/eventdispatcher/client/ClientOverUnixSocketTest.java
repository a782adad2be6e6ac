package org.eventdispatcher.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eventdispatcher.client.ClientConversationTest.Recorder;
import org.eventdispatcher.daemon.DaemonExit;
import org.eventdispatcher.tcp.client.PermanentConnectionEvent;
import org.eventdispatcher.tcp.client.PermanentConnectionEvent.Kind;
import org.eventdispatcher.testing.lines.ScriptedServer;
import org.eventdispatcher.testing.ports.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The client application with {@code --server unix:/path}, against a fake server on a real
 * Unix-domain socket: the same conversation, reconnects and failover as over TCP.
 */
class ClientOverUnixSocketTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void theWholeConversationGoesOverAUnixSocketAndTheClientExitsZero() throws Exception {
        ScriptedServer server = serve(socket(), ScriptedServer.FULL_CONVERSATION);
        Client client = startClient(server.address());

        assertCompletes(client, server);
        assertThat(client.recorder.events)
                .extracting(event -> event.kind() + " " + event.state().server())
                .contains("CONNECTED " + server.address());
    }

    @Test
    void aClientStartedBeforeTheSocketExistsConnectsOnceItAppears() throws Exception {
        Path socket = socket();
        Client client = startClient("unix:" + socket);
        await().atMost(PATIENCE).until(() -> client.recorder.count(Kind.ATTEMPT_FAILED) >= 2);
        assertThat(client.recorder.events)
                .filteredOn(event -> event.kind() == Kind.ATTEMPT_FAILED)
                .extracting(PermanentConnectionEvent::detail)
                .as("no socket file yet: refused, as a TCP port no one listens on")
                .first()
                .isEqualTo("Connection refused: no socket file");

        ScriptedServer server = serve(socket, ScriptedServer.FULL_CONVERSATION);

        assertCompletes(client, server);
        assertThat(client.recorder.lastState().connections()).isEqualTo(1);
    }

    @Test
    void aServerClosingMidwayMeansReconnectAndStartOverFromHi() throws Exception {
        ScriptedServer server = serve(
                socket(),
                midway -> {
                    midway.send("HI");
                    midway.expect("DAD");
                    midway.close();
                },
                ScriptedServer.FULL_CONVERSATION);
        Client client = startClient(server.address());

        assertCompletes(client, server);
        assertThat(server.transcript)
                .containsSubsequence("client: DAD", "closed by the server", "connection 2", "server: HI");
        assertThat(client.recorder.lost()).first().isEqualTo("the server closed the connection");
    }

    @Test
    void aServerStallingMidwayIsDroppedAfterTheStallTimeoutAndTheConversationStartsOver() throws Exception {
        ScriptedServer server = serve(
                socket(),
                stalled -> {
                    stalled.send("HI");
                    stalled.expect("DAD");
                    stalled.expectClosedByClient(); // sends nothing more: the client must give up on it
                },
                ScriptedServer.FULL_CONVERSATION);
        Client client = startClient(server.address(), "--eventdispatcher.client.stall-timeout=1s");

        assertCompletes(client, server);
        assertThat(server.transcript)
                .containsSubsequence("client: DAD", "closed by the client", "connection 2", "server: HI");
        assertThat(client.recorder.lost()).first().isEqualTo("no answer from the server for 1s (stall timeout)");
    }

    @Test
    void aFailoverListMixesUnixSocketsAndTcp() throws Exception {
        Path missing = socket();
        ScriptedServer tcp = ScriptedServer.start(0, ScriptedServer.FULL_CONVERSATION);
        toClose.add(tcp);
        Client client = startClient("unix:" + missing + ", " + tcp.address());

        assertCompletes(client, tcp);
        assertThat(client.recorder.events)
                .extracting(event -> event.kind() + " " + event.state().server())
                .containsSubsequence(
                        "ATTEMPT unix:" + missing, "ATTEMPT_FAILED " + tcp.address(), "CONNECTED " + tcp.address());

        int refusing = FreePorts.tcp();
        ScriptedServer unix = serve(socket(), ScriptedServer.FULL_CONVERSATION);
        Client second = startClient("127.0.0.1:" + refusing + ", " + unix.address());

        assertCompletes(second, unix);
        assertThat(second.recorder.events)
                .extracting(event -> event.kind() + " " + event.state().server())
                .containsSubsequence("ATTEMPT_FAILED " + unix.address(), "CONNECTED " + unix.address());
    }

    private record Client(Recorder recorder, ConfigurableApplicationContext context) {}

    /** A path for a socket, in a directory of the test's own: short enough for sun_path. */
    private Path socket() throws IOException {
        return Files.createTempDirectory(directory, "s").resolve("server.sock");
    }

    private Client startClient(String servers, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--eventdispatcher.client.server=" + servers,
                "--eventdispatcher.client.reconnect.pauses=0.1",
                "--eventdispatcher.daemon.exit-jvm=false",
                "--management.server.port=0",
                "--eventdispatcher.log-rotate.listen=127.0.0.1:0"));
        args.addAll(List.of(extra));
        Recorder recorder = new Recorder();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientApplication.class)
                .initializers(c -> c.getBeanFactory()
                        .registerSingleton("daemonExit", new DaemonExit(c, recorder.exitStatus::complete)))
                .listeners(recorder)
                .run(args.toArray(String[]::new));
        toClose.add(context);
        return new Client(recorder, context);
    }

    private void assertCompletes(Client client, ScriptedServer server) throws Exception {
        assertThat(client.recorder.exitStatus.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .isZero();
        await().atMost(PATIENCE).until(() -> !client.context.isActive());
        await().atMost(PATIENCE).until(server::finished);
        assertThat(server.failures).isEmpty();
        assertThat(server.transcript).endsWith("server: BYE", "closed by the client");
    }

    private ScriptedServer serve(Path socket, ScriptedServer.Script... scripts) throws IOException {
        ScriptedServer server = ScriptedServer.startUnix(socket, scripts);
        toClose.add(server);
        return server;
    }
}
