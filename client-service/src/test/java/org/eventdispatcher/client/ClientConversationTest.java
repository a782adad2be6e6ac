package org.eventdispatcher.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eventdispatcher.daemon.DaemonExit;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.logrotate.LogFilesReopened;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.eventdispatcher.tcp.client.ConnectionState;
import org.eventdispatcher.tcp.client.PermanentConnectionEvent;
import org.eventdispatcher.tcp.client.PermanentConnectionEvent.Kind;
import org.eventdispatcher.testing.lines.ScriptedServer;
import org.eventdispatcher.testing.ports.FreePorts;
import org.eventdispatcher.udp.LogRotateListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

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
            return events.stream()
                    .filter(e -> e.kind() == PermanentConnectionEvent.Kind.LOST)
                    .map(PermanentConnectionEvent::detail)
                    .toList();
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
        ScriptedServer server = serve(
                0,
                midway -> {
                    midway.send("HI");
                    midway.expect("DAD");
                    midway.send("CLIMB");
                    midway.expect("TOP");
                    midway.close();
                },
                ScriptedServer.FULL_CONVERSATION);
        Recorder client = startClient(server.port());

        assertCompletes(client, server);
        assertThat(server.transcript)
                .containsSubsequence(
                        "client: TOP", "closed by the server", "connection 2", "server: HI", "client: DAD");
        assertThat(client.lost()).first().isEqualTo("the server closed the connection");
    }

    @Test
    void aServerStallingMidwayIsDroppedAfterTheStallTimeoutAndTheConversationStartsOver() throws Exception {
        ScriptedServer server = serve(
                0,
                stalled -> {
                    stalled.send("HI");
                    stalled.expect("DAD");
                    stalled.expectClosedByClient(); // sends nothing more: the client must give up on it
                },
                ScriptedServer.FULL_CONVERSATION);
        Recorder client = startClient(server.port(), "--eventdispatcher.client.stall-timeout=1s");

        assertCompletes(client, server);
        assertThat(server.transcript)
                .containsSubsequence("client: DAD", "closed by the client", "connection 2", "server: HI");
        assertThat(client.lost()).first().isEqualTo("no answer from the server for 1s (stall timeout)");
    }

    @Test
    void aServerThatGoesQuietIsSentAliveAndReplacedWhenItDoesNotAnswer() throws Exception {
        ScriptedServer server = serve(
                0,
                quiet -> {
                    quiet.send("HI");
                    quiet.expect("DAD");
                    quiet.expect("ALIVE"); // then it says nothing at all
                    quiet.expectClosedByClient();
                },
                ScriptedServer.FULL_CONVERSATION_ANSWERING_ALIVE);
        Recorder client = startClient(
                server.port(),
                "--eventdispatcher.client.heartbeat.idle=300ms",
                "--eventdispatcher.client.heartbeat.timeout=300ms");

        assertCompletes(client, server);
        assertThat(client.lost()).first().isEqualTo("no answer to ALIVE within 0.3s after 0.3s of silence (heartbeat)");
    }

    @Test
    void failsOverToTheNextServerWhenTheFirstRefuses() throws Exception {
        int refusing = FreePorts.tcp();
        ScriptedServer server = serve(0, ScriptedServer.FULL_CONVERSATION);
        Recorder client = startClient("127.0.0.1:" + refusing + ",127.0.0.1:" + server.port());

        assertCompletes(client, server);
        assertThat(client.events)
                .extracting(event -> event.kind() + " " + event.state().server())
                .containsSubsequence(
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
        ScriptedServer server = serve(
                0,
                ScriptedServer.FULL_CONVERSATION,
                ScriptedServer.FULL_CONVERSATION,
                ScriptedServer.FULL_CONVERSATION);
        Recorder client = startClient(server.port(), "--eventdispatcher.client.conversations=3");

        assertCompletes(client, server);
        assertThat(server.transcript).filteredOn("server: BYE"::equals).hasSize(3);
        assertThat(client.lastState().connections()).isEqualTo(3);
    }

    @Test
    void aByeFromAnyoneButTheServerIsIgnoredAndTheServersByeEndsTheConversation() throws Exception {
        CompletableFuture<Void> strangersSaidBye = new CompletableFuture<>();
        ScriptedServer server = serve(0, conversation -> {
            conversation.send("HI");
            conversation.expect("DAD");
            try {
                strangersSaidBye.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("the test did not go on", e);
            }
            conversation.send("CLIMB");
            conversation.expect("TOP"); // the client is still there
            conversation.send("BYE");
            conversation.expectClosedByClient();
        });
        Reopened reopened = new Reopened();
        Recorder client = startClient(server.port(), reopened);
        await().atMost(PATIENCE).until(() -> server.transcript.contains("client: DAD"));
        ConfigurableApplicationContext context = contexts.get(client);

        // a datagram to the UDP listener, then LOG_ROTATE behind it: once that is done, so is the BYE
        InetSocketAddress udp = context.getBean(LogRotateListener.class).localAddress();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (String line : List.of("BYE", "LOG_ROTATE")) {
                byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(bytes, bytes.length, udp));
            }
        }
        await().atMost(PATIENCE).until(() -> reopened.done.isDone());
        // another daemon on the broker, as its <x:y BYE reaches the dispatcher
        context.getBean(MessageDispatcher.class).receive("<other:daemon BYE", new BrokerSender("other:daemon"));

        assertThat(client.exitStatus).as("still talking to its server").isNotDone();
        strangersSaidBye.complete(null);
        assertCompletes(client, server);
    }

    /** LOG_ROTATE was handled. */
    static final class Reopened implements ApplicationListener<PayloadApplicationEvent<LogFilesReopened>> {

        final CompletableFuture<Void> done = new CompletableFuture<>();

        @Override
        public void onApplicationEvent(PayloadApplicationEvent<LogFilesReopened> event) {
            done.complete(null);
        }
    }

    /** A daemon on the broker that is not the client's server. */
    private record BrokerSender(String name) implements Peer {

        @Override
        public String id() {
            return "amqp:" + name;
        }

        @Override
        public String address() {
            return name;
        }

        @Override
        public Optional<BrokerAddress> brokerAddress() {
            return Optional.of(BrokerAddress.parse(name));
        }

        @Override
        public String transport() {
            return "amqp";
        }

        @Override
        public boolean canReply() {
            return true;
        }

        @Override
        public void send(Message message) {}

        @Override
        public void close() {}
    }

    private Recorder startClient(int port, String... extra) {
        return startClient("127.0.0.1:" + port, extra);
    }

    private Recorder startClient(int port, ApplicationListener<?> listener) {
        return startClient("127.0.0.1:" + port, List.of(listener));
    }

    private Recorder startClient(String servers, String... extra) {
        return startClient(servers, List.of(), extra);
    }

    private Recorder startClient(String servers, List<ApplicationListener<?>> listeners, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--eventdispatcher.client.server=" + servers,
                "--eventdispatcher.daemon.exit-jvm=false",
                "--management.server.port=0",
                "--eventdispatcher.log-rotate.listen=127.0.0.1:0"));
        args.addAll(List.of(extra));
        Recorder recorder = new Recorder();
        ConfigurableApplicationContext client = new SpringApplicationBuilder(ClientApplication.class)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("daemonExit", new DaemonExit(context, recorder.exitStatus::complete)))
                .listeners(recorder)
                .listeners(listeners.toArray(ApplicationListener[]::new))
                .run(args.toArray(String[]::new));
        toClose.add(client);
        contexts.put(recorder, client);
        return recorder;
    }

    private void assertCompletes(Recorder client, ScriptedServer server) throws Exception {
        assertThat(client.exitStatus.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .isZero();
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
