package org.eventdispatcher.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eventdispatcher.connection.ConnectionState.Status;
import org.eventdispatcher.connection.PermanentConnectionEvent.Kind;
import org.eventdispatcher.dispatch.DispatchProperties;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * The reconnect schedule on a manual clock (no waiting), against real loopback sockets: a port
 * nobody listens on, and plain server sockets that the tests drive by hand.
 */
class PermanentConnectionTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration STALL = Duration.ofSeconds(10);

    private final ManualTaskScheduler scheduler = new ManualTaskScheduler();
    private final List<PermanentConnectionEvent> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private TcpNetClientConnectionFactory factory;
    private volatile PermanentConnection connection;

    /** Answers HI with DAD, as the client's conversation does. */
    static final class Conversation {
        @OnCommand("HI")
        Message hi(Message hi) {
            return Message.reply(hi, "DAD");
        }
    }

    @AfterEach
    void close() throws Exception {
        if (connection != null) {
            connection.stop();
        }
        if (factory != null) {
            factory.stop();
        }
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void refusedAttemptsFollowThePauseListAndTheLastPauseRepeats() throws IOException {
        start(unusedPort(), "0.1,0.5,2", 0);

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waits.add(scheduler.runNext());
        }

        assertThat(waits).containsExactly(Duration.ZERO, ms(100), ms(500), ms(2000), ms(2000), ms(2000));
        ConnectionState state = connection.state();
        assertThat(state.status()).isEqualTo(Status.DISCONNECTED);
        assertThat(state.attemptsSinceSuccess()).isEqualTo(6);
        assertThat(state.attempts()).isEqualTo(6);
        assertThat(state.lastError()).containsIgnoringCase("refused");
        assertThat(state.nextAttempt()).isEqualTo(scheduler.getClock().instant().plus(ms(2000)));
        assertThat(kinds()).containsExactly(Kind.ATTEMPT, Kind.ATTEMPT_FAILED, Kind.ATTEMPT, Kind.ATTEMPT_FAILED,
                Kind.ATTEMPT, Kind.ATTEMPT_FAILED, Kind.ATTEMPT, Kind.ATTEMPT_FAILED, Kind.ATTEMPT,
                Kind.ATTEMPT_FAILED, Kind.ATTEMPT, Kind.ATTEMPT_FAILED);
    }

    @Test
    void aNegativeFirstEntryDelaysTheFirstAttemptOnly() throws IOException {
        start(unusedPort(), "-3,1,2", 0);

        assertThat(List.of(scheduler.runNext(), scheduler.runNext(), scheduler.runNext(), scheduler.runNext()))
                .containsExactly(ms(3000), ms(1000), ms(2000), ms(2000));
    }

    @Test
    void jitterShortensEachPause() throws IOException {
        start(unusedPort(), "1,2", 0.2);

        List<Duration> waits = List.of(scheduler.runNext(), scheduler.runNext(), scheduler.runNext(),
                scheduler.runNext());

        assertThat(waits.get(0)).isZero();
        assertThat(waits.get(1)).isBetween(ms(800), ms(1000));
        assertThat(waits.get(2)).isBetween(ms(1600), ms(2000));
        assertThat(waits.get(3)).isBetween(ms(1600), ms(2000));
    }

    @Test
    void connectsOnceTheServerListensThenStartsTheListOverWhenTheServerCloses() throws Exception {
        int port = unusedPort();
        start(port, "0.1,0.5,2", 0);
        scheduler.runNext();
        scheduler.runNext();
        ServerSocket server = listen(port);

        scheduler.runNext();
        Socket accepted = accept(server);

        assertThat(connection.state().status()).isEqualTo(Status.CONNECTED);
        assertThat(connection.state().attemptsSinceSuccess()).isZero();
        assertThat(connection.state().connections()).isEqualTo(1);
        assertThat(scheduler.pending()).containsExactly(STALL);

        accepted.close();

        await().until(() -> connection.state().status() == Status.DISCONNECTED);
        assertThat(connection.state().lastError()).isEqualTo("the server closed the connection");
        assertThat(scheduler.pending()).containsExactly(ms(100));
        assertThat(kinds()).endsWith(Kind.ATTEMPT, Kind.CONNECTED, Kind.LOST);

        scheduler.runNext();
        accept(server);
        assertThat(connection.state().status()).isEqualTo(Status.CONNECTED);
        assertThat(connection.state().connections()).isEqualTo(2);
    }

    @Test
    void aResetConnectionIsReplaced() throws Exception {
        ServerSocket server = listen(0);
        start(server.getLocalPort(), "0.1,0.5,2", 0);
        scheduler.runNext();
        Socket accepted = accept(server);

        accepted.setSoLinger(true, 0);
        accepted.close();

        await().until(() -> connection.state().status() == Status.DISCONNECTED);
        assertThat(connection.state().lastError()).containsIgnoringCase("reset");
        assertThat(scheduler.pending()).containsExactly(ms(100));
    }

    @Test
    void aHalfClosedConnectionIsClosedAndReplaced() throws Exception {
        ServerSocket server = listen(0);
        start(server.getLocalPort(), "0.1,0.5,2", 0);
        scheduler.runNext();
        Socket accepted = accept(server);

        accepted.shutdownOutput();

        assertThat(accepted.getInputStream().read()).as("the client closes its side too").isEqualTo(-1);
        await().until(() -> connection.state().status() == Status.DISCONNECTED);
        assertThat(scheduler.pending()).containsExactly(ms(100));
    }

    @Test
    void linesAreDispatchedAndEachRestartsTheStallTimer() throws Exception {
        ServerSocket server = listen(0);
        start(server.getLocalPort(), "0.1", 0);
        scheduler.runNext();
        Socket accepted = accept(server);
        BufferedReader fromClient = reader(accepted);

        scheduler.advance(STALL.minusSeconds(1));
        send(accepted, "HI");
        assertThat(fromClient.readLine()).isEqualTo("DAD");
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(connection.state().status()).isEqualTo(Status.CONNECTED);
        assertThat(scheduler.pending()).containsExactly(STALL.minusSeconds(2));
    }

    @Test
    void aSilentServerIsDroppedAfterTheStallTimeout() throws Exception {
        ServerSocket server = listen(0);
        start(server.getLocalPort(), "0.1", 0);
        scheduler.runNext();
        Socket accepted = accept(server);
        send(accepted, "HI");
        assertThat(reader(accepted).readLine()).isEqualTo("DAD");

        scheduler.advance(STALL);

        assertThat(accepted.getInputStream().read()).as("the client closed the connection").isEqualTo(-1);
        assertThat(connection.state().status()).isEqualTo(Status.DISCONNECTED);
        assertThat(connection.state().lastError()).isEqualTo("no message from the server for 10s (stall timeout)");
        assertThat(scheduler.pending()).containsExactly(ms(100));
        assertThat(events).last().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(Kind.LOST);
            assertThat(event.detail()).contains("stall timeout");
        });
    }

    @Test
    void afterFinishNothingIsScheduled() throws Exception {
        ServerSocket server = listen(0);
        start(server.getLocalPort(), "0.1", 0);
        scheduler.runNext();
        Socket accepted = accept(server);

        connection.finish("BYE from the server");

        assertThat(accepted.getInputStream().read()).isEqualTo(-1);
        assertThat(connection.state().status()).isEqualTo(Status.DISCONNECTED);
        assertThat(scheduler.pending()).isEmpty();
        assertThat(events).last().satisfies(event -> assertThat(event.detail()).isEqualTo("BYE from the server"));
    }

    @Test
    void stopClosesTheConnectionAndCancelsTheTimers() throws Exception {
        ServerSocket server = listen(0);
        start(server.getLocalPort(), "0.1", 0);
        scheduler.runNext();
        Socket accepted = accept(server);

        connection.stop();

        assertThat(connection.isRunning()).isFalse();
        assertThat(accepted.getInputStream().read()).isEqualTo(-1);
        assertThat(scheduler.pending()).isEmpty();
    }

    @Test
    void stopWhileWaitingCancelsTheNextAttempt() throws IOException {
        start(unusedPort(), "0.1", 0);
        scheduler.runNext();

        connection.stop();

        assertThat(scheduler.pending()).isEmpty();
        assertThat(connection.state().status()).isEqualTo(Status.DISCONNECTED);
    }

    private void start(int port, String pauses, double jitter) {
        factory = new TcpNetClientConnectionFactory("127.0.0.1", port);
        ByteArrayLfSerializer lines = TcpCodecs.lf(64 * 1024);
        factory.setSerializer(lines);
        factory.setDeserializer(lines);
        factory.setSingleUse(false);
        factory.setConnectTimeout(2);
        // as the application context would deliver them
        factory.setApplicationEventPublisher(event -> {
            if (event instanceof TcpConnectionExceptionEvent exception) {
                connection.onApplicationEvent(exception);
            }
        });
        // as the inbound channel adapter would
        factory.registerListener(message -> {
            if (message.getPayload() instanceof byte[] line) {
                connection.received(line, message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class));
            }
        });
        factory.start();
        MessageDispatcher dispatcher = new MessageDispatcher(new DispatchProperties(false, true, true), List.of());
        dispatcher.useHandlers(List.of(new Conversation()));
        connection = new PermanentConnection(factory, new ReconnectPolicy(PauseList.valueOf(pauses), jitter), STALL,
                scheduler, dispatcher, event -> {
                    if (event instanceof PermanentConnectionEvent e) {
                        events.add(e);
                    }
                });
        connection.start();
    }

    private List<Kind> kinds() {
        return events.stream().map(PermanentConnectionEvent::kind).toList();
    }

    /** A port nothing listens on: bound once by the system, then released. */
    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    private ServerSocket listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(LOOPBACK, port));
        server.setSoTimeout(10_000);
        toClose.add(server);
        return server;
    }

    private Socket accept(ServerSocket server) throws IOException {
        Socket socket = server.accept();
        socket.setSoTimeout(10_000);
        toClose.add(socket);
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void send(Socket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
