package org.eventdispatcher.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eventdispatcher.daemon.DaemonExit;
import org.eventdispatcher.tcp.client.ConnectionState;
import org.eventdispatcher.tcp.client.PermanentConnectionEvent.Kind;
import org.eventdispatcher.tcp.client.PermanentConnectionEvent;
import org.eventdispatcher.testing.lines.ScriptedServer;
import org.eventdispatcher.testing.ports.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The client application, started for real against fake servers on loopback sockets: it must
 * finish the conversation and stop with exit status 0 whatever the server does first.
 */
class ClientConversationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Map<Recorder, ConfigurableApplicationContext> contexts = new HashMap<>();

    /**
     * Keeps the exit status instead of ending the test's JVM, and every connection event. Handed to
     * the application before it starts: the whole conversation may be over before {@code run} returns.
     */
    static final class Recorder implements ApplicationListener<PermanentConnectionEvent> {

        final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
        final List<PermanentConnectionEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(PermanentConnectionEvent event) {
            events.add(event);
        }

        long count(PermanentConnectionEvent.Kind kind) {
            return events.stream().filter(e -> e.kind() == kind).count();
        }

        List<String> lost() {
            return events.stream().filter(e -> e.kind() == PermanentConnectionEvent.Kind.LOST)
                    .map(PermanentConnectionEvent::detail).toList();
        }

        ConnectionState lastState() {
            return events.get(events.size() - 1).state();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void aClientStartedBeforeTheServerCompletesOnceTheServerListens() throws Exception {
        int port = FreePorts.tcp();
        Recorder client = startClient(port);
        await().atMost(PATIENCE).until(() -> client.count(Kind.ATTEMPT_FAILED) >= 2);

        ScriptedServer server = serve(port, ScriptedServer.FULL_CONVERSATION);

        assertCompletes(client, server);
        assertThat(client.lastState().connections()).isEqualTo(1);
    }

    @Test
    void aServerClosingMidwayMeansReconnectAndStartOverFromHi() throws Exception {
        ScriptedServer server = serve(0, midway -> {
            midway.send("HI");
            midway.expect("DAD");
            midway.send("CLIMB");
            midway.expect("TOP");
            midway.close();
        }, ScriptedServer.FULL_CONVERSATION);
        Recorder client = startClient(server.port());

        assertCompletes(client, server);
        assertThat(server.transcript).containsSubsequence("client: TOP", "closed by the server", "connection 2",
                "server: HI", "client: DAD");
        assertThat(client.lost()).first().isEqualTo("the server closed the connection");
    }

    @Test
    void aServerStallingMidwayIsDroppedAfterTheStallTimeoutAndTheConversationStartsOver() throws Exception {
        ScriptedServer server = serve(0, stalled -> {
            stalled.send("HI");
            stalled.expect("DAD");
            stalled.expectClosedByClient(); // sends nothing more: the client must give up on it
        }, ScriptedServer.FULL_CONVERSATION);
        Recorder client = startClient(server.port(), "--eventdispatcher.client.stall-timeout=1s");

        assertCompletes(client, server);
        assertThat(server.transcript).containsSubsequence("client: DAD", "closed by the client", "connection 2",
                "server: HI");
        assertThat(client.lost()).first()
                .isEqualTo("no answer from the server for 1s (stall timeout)");
    }

    @Test
    void aServerThatGoesQuietIsSentAliveAndReplacedWhenItDoesNotAnswer() throws Exception {
        ScriptedServer server = serve(0, quiet -> {
            quiet.send("HI");
            quiet.expect("DAD");
            quiet.expect("ALIVE"); // then it says nothing at all
            quiet.expectClosedByClient();
        }, ScriptedServer.FULL_CONVERSATION);
        Recorder client = startClient(server.port(), "--eventdispatcher.client.heartbeat.idle=300ms",
                "--eventdispatcher.client.heartbeat.timeout=300ms");

        assertCompletes(client, server);
        assertThat(client.lost()).first()
                .isEqualTo("no answer to ALIVE within 0.3s after 0.3s of silence (heartbeat)");
    }

    @Test
    void failsOverToTheNextServerWhenTheFirstRefuses() throws Exception {
        int refusing = FreePorts.tcp();
        ScriptedServer server = serve(0, ScriptedServer.FULL_CONVERSATION);
        Recorder client = startClient("127.0.0.1:" + refusing + ",127.0.0.1:" + server.port());

        assertCompletes(client, server);
        assertThat(client.events).extracting(event -> event.kind() + " " + event.state().server()).containsSubsequence(
                "ATTEMPT_FAILED 127.0.0.1:" + server.port(), // failed at the first, the second is next
                "CONNECTED 127.0.0.1:" + server.port());
    }

    @Test
    void unexpectedAndUnparseableLinesAreAnsweredAndTheConversationGoesOn() throws Exception {
        ScriptedServer server = serve(0, confused -> {
            confused.send("HI");
            confused.expect("DAD");
            confused.send("NONSENSE");
            confused.expect("UNKNOWN command=NONSENSE");
            confused.send("CLIMB high");
            confused.expectStartingWith("INVALID message=MISSING_EQUAL");
            confused.send("UNKNOWN command=TOP"); // logged, never answered: no ping-pong
            confused.send("CLIMB");
            confused.expect("TOP"); // the very next line: nothing was sent for UNKNOWN
            confused.send("WHO");
            confused.expect("MOM");
            confused.send("BYE");
            confused.expectClosedByClient();
        });
        Recorder client = startClient(server.port());

        assertCompletes(client, server);
        assertThat(client.lastState().connections()).isEqualTo(1);
    }

    @Test
    void askedForThreeConversationsTheClientHoldsThreeThenExits() throws Exception {
        ScriptedServer server = serve(0, ScriptedServer.FULL_CONVERSATION, ScriptedServer.FULL_CONVERSATION,
                ScriptedServer.FULL_CONVERSATION);
        Recorder client = startClient(server.port(), "--eventdispatcher.client.conversations=3");

        assertCompletes(client, server);
        assertThat(server.transcript).filteredOn("server: BYE"::equals).hasSize(3);
        assertThat(client.lastState().connections()).isEqualTo(3);
    }

    private Recorder startClient(int port, String... extra) {
        return startClient("127.0.0.1:" + port, extra);
    }

    private Recorder startClient(String servers, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--eventdispatcher.client.server=" + servers,
                "--eventdispatcher.daemon.exit-jvm=false",
                "--management.server.port=0",
                "--eventdispatcher.log-rotate.listen=127.0.0.1:0"));
        args.addAll(List.of(extra));
        Recorder recorder = new Recorder();
        ConfigurableApplicationContext client = new SpringApplicationBuilder(ClientApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("daemonExit",
                        new DaemonExit(context, recorder.exitStatus::complete)))
                .listeners(recorder)
                .run(args.toArray(String[]::new));
        toClose.add(client);
        contexts.put(recorder, client);
        return recorder;
    }

    private void assertCompletes(Recorder client, ScriptedServer server) throws Exception {
        assertThat(client.exitStatus.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isZero();
        await().atMost(PATIENCE).until(() -> !contexts.get(client).isActive());
        await().atMost(PATIENCE).until(server::finished);
        assertThat(server.failures).isEmpty();
        assertThat(server.transcript).endsWith("server: BYE", "closed by the client");
    }

    private ScriptedServer serve(int port, ScriptedServer.Script... scripts) throws IOException {
        ScriptedServer server = ScriptedServer.start(port, scripts);
        toClose.add(server);
        return server;
    }

}
