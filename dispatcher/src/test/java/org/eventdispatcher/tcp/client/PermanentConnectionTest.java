package org.eventdispatcher.tcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.eventdispatcher.connection.ConnectHandlers;
import org.eventdispatcher.connection.ConnectionEvents;
import org.eventdispatcher.connection.ConnectionListener;
import org.eventdispatcher.connection.Heartbeat;
import org.eventdispatcher.connection.HeartbeatTimeoutException;
import org.eventdispatcher.dispatch.DispatchObserver;
import org.eventdispatcher.dispatch.DispatchProperties;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.OnConnect;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.link.Buffer;
import org.eventdispatcher.link.NotConnectedException;
import org.eventdispatcher.link.PauseList;
import org.eventdispatcher.link.ReconnectPolicy;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.HostPort;
import org.eventdispatcher.tcp.client.ConnectionState.Status;
import org.eventdispatcher.tcp.client.PermanentConnectionEvent.Kind;
import org.eventdispatcher.testing.lines.LineClient;
import org.eventdispatcher.testing.ports.FreePorts;
import org.eventdispatcher.testing.scheduling.ManualTaskScheduler;
import org.eventdispatcher.testing.tls.TestCa;
import org.eventdispatcher.testing.tls.TestTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;
import org.springframework.util.unit.DataSize;

/**
 * The supervised link on a manual clock (no waiting), against real loopback sockets: ports nobody
 * listens on, and plain server sockets that the tests drive by hand.
 */
class PermanentConnectionTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration STALL = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ManualTaskScheduler scheduler = new ManualTaskScheduler();
    private final List<PermanentConnectionEvent> events = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    /** The connection's life as the listeners hear it, and the lines dispatched, in one order. */
    private final List<String> life = new CopyOnWriteArrayList<>();
    /** The command of each line the client's dispatcher took, once its connection had read it. */
    private final List<String> dispatched = new CopyOnWriteArrayList<>();

    private final ConnectionListener lifecycle = (event, c, cause) -> {
        life.add(event.name());
        if (cause != null) {
            failures.add(cause);
        }
    };
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private static final TestCa CA = TestCa.create("permanent-connection-test");

    @TempDir
    Path files;
    /** Where attempts and probes run: the test's thread, as the scheduler's tasks, unless a test says otherwise. */
    private Executor linkWork = Runnable::run;

    private ServerListConnectionFactory factory;
    private volatile PermanentConnection connection;

    /** Answers HI with DAD, as the client's conversation does, and notes each HI in {@link #life}. */
    final class Conversation {
        @OnCommand("HI")
        Message hi(Message hi) {
            life.add(hi.command());
            return Message.reply(hi, "DAD");
        }
    }

    /** Greets the server as soon as the connection opens. */
    static final class Greeter {
        @OnConnect
        Message greet() {
            return Message.of("HELLO");
        }
    }

    /** The handlers of the client's dispatcher. */
    private List<Object> handlers = List.of(new Conversation());

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
        start(List.of(FreePorts.tcp()), "0.1,0.5,2", 0);

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
        assertThat(kinds())
                .containsExactly(
                        Kind.ATTEMPT,
                        Kind.ATTEMPT_FAILED,
                        Kind.ATTEMPT,
                        Kind.ATTEMPT_FAILED,
                        Kind.ATTEMPT,
                        Kind.ATTEMPT_FAILED,
                        Kind.ATTEMPT,
                        Kind.ATTEMPT_FAILED,
                        Kind.ATTEMPT,
                        Kind.ATTEMPT_FAILED,
                        Kind.ATTEMPT,
                        Kind.ATTEMPT_FAILED);
    }

    @Test
    void aNegativeFirstEntryDelaysTheFirstAttemptOnly() throws IOException {
        start(List.of(FreePorts.tcp()), "-3,1,2", 0);

        assertThat(List.of(scheduler.runNext(), scheduler.runNext(), scheduler.runNext(), scheduler.runNext()))
                .containsExactly(ms(3000), ms(1000), ms(2000), ms(2000));
    }

    @Test
    void jitterShortensEachPause() throws IOException {
        start(List.of(FreePorts.tcp()), "1,2", 0.2);

        List<Duration> waits =
                List.of(scheduler.runNext(), scheduler.runNext(), scheduler.runNext(), scheduler.runNext());

        assertThat(waits.get(0)).isZero();
        assertThat(waits.get(1)).isBetween(ms(800), ms(1000));
        assertThat(waits.get(2)).isBetween(ms(1600), ms(2000));
        assertThat(waits.get(3)).isBetween(ms(1600), ms(2000));
    }

    @Test
    void aConnectionThatSpokeStartsThePauseListOverWhenItCloses() throws Exception {
        int port = FreePorts.tcp();
        start(List.of(port), "0.1,0.5,2", 0);
        scheduler.runNext();
        scheduler.runNext();
        ServerSocket server = listen(port);

        scheduler.runNext();
        LineClient accepted = accept(server);

        assertThat(connection.state().status()).isEqualTo(Status.CONNECTED);
        assertThat(connection.state().attemptsSinceSuccess())
                .as("not proven yet")
                .isEqualTo(3);
        assertThat(scheduler.pending()).as("the server's first line is due").containsExactly(STALL);

        accepted.send("HI");
        assertThat(accepted.readLine()).isEqualTo("DAD");
        assertThat(connection.state().attemptsSinceSuccess()).isZero();
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
    void aServerThatAcceptsAndClosesWithoutAWordIsTriedLessAndLessOften() throws Exception {
        AcceptingServer server = acceptAndClose();
        start(List.of(server.port()), "0.1,0.5,2", 0);

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(scheduler.runNext());
            awaitNextAttemptScheduled();
        }

        assertThat(waits).containsExactly(Duration.ZERO, ms(100), ms(500), ms(2000), ms(2000));
        assertThat(connection.state().lastError()).isEqualTo("the server closed the connection before saying anything");
        assertThat(connection.state().attemptsSinceSuccess()).isEqualTo(5);

        server.greet.set(true); // now it says HI before closing: healthy, then lost
        scheduler.runNext();
        awaitNextAttemptScheduled();
        assertThat(scheduler.pending()).containsExactly(ms(100));
        assertThat(connection.state().attemptsSinceSuccess()).isZero();
    }

    @Test
    void aClientMakesAtMost20AttemptsInTheFirst20SecondsAgainstAServerThatAcceptsAndCloses() throws Exception {
        AcceptingServer server = acceptAndClose();
        start(List.of(server.port()), PauseList.DEFAULT, 0.2);

        List<Duration> waits = new ArrayList<>();
        Duration elapsed = Duration.ZERO;
        while (elapsed.compareTo(Duration.ofSeconds(20)) < 0) {
            Duration wait = scheduler.runNext();
            elapsed = elapsed.plus(wait);
            waits.add(wait);
            awaitNextAttemptScheduled();
        }
        int attemptsIn20s = waits.size() - 1; // the last one ran past 20 s

        assertThat(attemptsIn20s).isBetween(18, 20);
        assertThat(waits.get(waits.size() - 1))
                .as("settled at the last pause, less jitter")
                .isBetween(ms(4000), ms(5000));
        assertThat(server.accepted()).isEqualTo(waits.size());
    }

    @Test
    void aServerThatDoesNotAnswerALineIsDroppedAfterTheStallTimeout() throws Exception {
        ServerSocket server = listen(0);
        start(List.of(server.getLocalPort()), "0.1", 0);
        scheduler.runNext();
        LineClient accepted = accept(server);
        accepted.send("HI");
        assertThat(accepted.readLine()).isEqualTo("DAD");

        scheduler.advance(STALL);

        assertThat(accepted.closedByPeer())
                .as("the client closed the connection")
                .isTrue();
        await().until(() -> connection.state().status() == Status.DISCONNECTED);
        assertThat(connection.state().lastError()).isEqualTo("no answer from the server for 10s (stall timeout)");
        assertThat(scheduler.pending()).containsExactly(ms(100));
        assertThat(events).last().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(Kind.LOST);
            assertThat(event.detail()).contains("stall timeout");
        });
    }

    @Test
    void eachAnswerSettlesTheStallTimeout() throws Exception {
        ServerSocket server = listen(0);
        start(List.of(server.getLocalPort()), "0.1", 0);
        scheduler.runNext();
        LineClient accepted = accept(server);
        LineClient fromClient = accepted;

        for (int i = 0; i < 3; i++) {
            accepted.send("HI");
            assertThat(fromClient.readLine()).isEqualTo("DAD");
            scheduler.advance(STALL.minusSeconds(1));
        }

        assertThat(connection.state().status()).isEqualTo(Status.CONNECTED);
    }

    @Test
    void linesThatAreNeverAnsweredStartNoStallWait() throws Exception {
        ServerSocket server = listen(0);
        start(List.of(server.getLocalPort()), "0.1", 0);
        scheduler.runNext();
        LineClient accepted = accept(server);
        accepted.send("NOSUCH"); // the greeting's wait settled; the client's dispatcher answers UNKNOWN
        assertThat(accepted.readLine()).isEqualTo("UNKNOWN command=NOSUCH");
        connection.send(Message.of("ABSOLUTELY"));
        connection.send(Message.builder("INVALID").parameter("command", "X").build());
        assertThat(accepted.readLine()).isEqualTo("ABSOLUTELY");
        assertThat(accepted.readLine()).isEqualTo("INVALID command=X");

        scheduler.advance(STALL); // the give-up, were one due, runs here, on this thread

        accepted.send("HI");
        assertThat(accepted.readLine())
                .as("the connection outlived the stall timeout of the three lines")
                .isEqualTo("DAD");
        assertThat(connection.state().status()).isEqualTo(Status.CONNECTED);
        scheduler.advance(STALL);
        assertThat(accepted.closedByPeer())
                .as("DAD, which may be answered, is given up on after the same time")
                .isTrue();
    }

    @Test
    void aQuietServerIsSentAliveAndDroppedWhenItDoesNotAnswer() throws Exception {
        ServerSocket server = listen(0);
        start(List.of(server.getLocalPort()), "0.1", 0);
        scheduler.runNext();
        LineClient accepted = accept(server);
        LineClient fromClient = accepted;
        accepted.send("UNKNOWN command=SOMETHING"); // proves it alive, and needs no answer
        await().until(() -> connection.state().attemptsSinceSuccess() == 0);

        scheduler.advance(IDLE);
        assertThat(fromClient.readLine()).isEqualTo("ALIVE");
        assertThat(connection.state().isConnected()).isTrue();

        scheduler.advance(TIMEOUT);

        assertThat(fromClient.closedByPeer())
                .as("the client closed the connection")
                .isTrue();
        await().until(() -> connection.state().status() == Status.DISCONNECTED);
        assertThat(connection.state().lastError())
                .isEqualTo("no answer to ALIVE within 10s after 30s of silence (heartbeat)");
        assertThat(failures).singleElement().isInstanceOf(HeartbeatTimeoutException.class);
    }

    @Test
    void anyLineAnswersTheHeartbeatAndAnUnknownAnswerStartsNoReplyLoop() throws Exception {
        ServerSocket server = listen(0);
        start(List.of(server.getLocalPort()), "0.1", 0);
        scheduler.runNext();
        LineClient accepted = accept(server);
        LineClient fromClient = accepted;
        accepted.send("UNKNOWN command=SOMETHING"); // a first line, that needs no answer
        await().until(() -> connection.state().attemptsSinceSuccess() == 0);

        scheduler.advance(IDLE);
        assertThat(fromClient.readLine()).isEqualTo("ALIVE");
        accepted.send("UNKNOWN command=ALIVE"); // how an upstream peer without the system commands answers
        // read by the client before its clock moves on (the link was proven already: nothing else tells)
        await().until(() -> dispatched.equals(List.of("UNKNOWN", "UNKNOWN")));
        scheduler.advance(TIMEOUT);
        assertThat(connection.state().isConnected()).isTrue();

        scheduler.advance(IDLE.minus(TIMEOUT));
        assertThat(fromClient.readLine())
                .as("the next line after the answer is the next probe")
                .isEqualTo("ALIVE");
        assertThat(failures).isEmpty();
    }

    @Test
    void linesCostNoTimer() throws Exception {
        ServerSocket server = listen(0);
        start(List.of(server.getLocalPort()), "0.1", 0);
        scheduler.runNext();
        LineClient accepted = accept(server);
        LineClient fromClient = accepted;
        long before = scheduler.scheduled();

        accepted.send("HI\n".repeat(999) + "HI");
        for (int i = 0; i < 1000; i++) {
            assertThat(fromClient.readLine()).isEqualTo("DAD");
        }
        scheduler.advance(STALL.minusSeconds(1));

        assertThat(scheduler.scheduled() - before)
                .as("timers scheduled for 1000 lines and answers")
                .isLessThan(3);
        assertThat(connection.state().isConnected()).isTrue();
    }

    @Test
    void theSocketIsReadThroughABufferNotAByteAtATime() throws Exception {
        ServerSocket server = listen(0);
        AtomicInteger reads = new AtomicInteger();
        factory = new ServerListConnectionFactory(new HostPort("127.0.0.1", server.getLocalPort())) {
            @Override
            protected Socket createSocket(String host, int port) throws IOException {
                Socket socket = new Socket() {
                    @Override
                    public InputStream getInputStream() throws IOException {
                        return new FilterInputStream(super.getInputStream()) {
                            @Override
                            public int read() throws IOException {
                                reads.incrementAndGet();
                                return super.read();
                            }

                            @Override
                            public int read(byte[] bytes, int offset, int length) throws IOException {
                                reads.incrementAndGet();
                                return super.read(bytes, offset, length);
                            }
                        };
                    }
                };
                socket.connect(new InetSocketAddress(host, port), 2000);
                return socket;
            }
        };
        start(List.of(server.getLocalPort()), "0.1", 0);
        scheduler.runNext();
        LineClient accepted = accept(server);

        accepted.send("HI\n".repeat(999) + "HI"); // 3 999 bytes at once
        for (int i = 0; i < 1000; i++) {
            assertThat(accepted.readLine()).isEqualTo("DAD");
        }

        assertThat(reads.get()).as("reads of the socket for 1000 lines").isLessThan(1000);
    }

    @Test
    void messagesSentWithCacheWhileDisconnectedGoFirstAndInOrder() throws Exception {
        int port = FreePorts.tcp();
        start(List.of(port), "0.1", 0);
        scheduler.runNext();
        for (int i = 1; i <= 10; i++) {
            connection.send(
                    Message.builder("EVENT").parameter("n", Integer.toString(i)).build(), true);
        }
        assertThat(connection.buffered()).isEqualTo(10);
        assertThatThrownBy(() -> connection.send(Message.of("NOW")))
                .isInstanceOf(NotConnectedException.class)
                .hasMessageContaining("not connected to 127.0.0.1:" + port + ": NOW not sent");
        ServerSocket server = listen(port);

        scheduler.runNext();
        LineClient accepted = accept(server);
        connection.send(Message.of("AFTER"));

        LineClient fromClient = accepted;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            lines.add(fromClient.readLine());
        }
        assertThat(lines)
                .containsExactly(
                        "EVENT n=1",
                        "EVENT n=2",
                        "EVENT n=3",
                        "EVENT n=4",
                        "EVENT n=5",
                        "EVENT n=6",
                        "EVENT n=7",
                        "EVENT n=8",
                        "EVENT n=9",
                        "EVENT n=10",
                        "AFTER");
        assertThat(connection.buffered())
                .as("kept until the server says something")
                .isGreaterThanOrEqualTo(10);
        accepted.send("HI");
        assertThat(fromClient.readLine()).isEqualTo("DAD");
        assertThat(connection.buffered()).isZero();
    }

    @Test
    void bufferedLinesWrittenToAConnectionThatClosesBeforeItsFirstLineComeBackInOrder() throws Exception {
        int port = FreePorts.tcp();
        start(List.of(port), "0.1", 0);
        scheduler.runNext();
        for (int i = 1; i <= 3; i++) {
            connection.send(
                    Message.builder("EVENT").parameter("n", Integer.toString(i)).build(), true);
        }
        ServerSocket server = listen(port);

        scheduler.runNext();
        LineClient full = accept(server);
        assertThat(List.of(full.readLine(), full.readLine(), full.readLine()))
                .containsExactly("EVENT n=1", "EVENT n=2", "EVENT n=3");
        full.close(); // as a full server does: it took the lines and closed without a word
        await().until(() -> connection.state().status() == Status.DISCONNECTED);

        assertThat(connection.buffered()).as("back in the buffer").isEqualTo(3);
        scheduler.runNext();
        LineClient healthy = accept(server);
        assertThat(List.of(healthy.readLine(), healthy.readLine(), healthy.readLine()))
                .containsExactly("EVENT n=1", "EVENT n=2", "EVENT n=3");
        healthy.send("HI");
        assertThat(healthy.readLine()).isEqualTo("DAD");
        assertThat(connection.buffered())
                .as("delivered to a connection that proved healthy")
                .isZero();
    }

    @Test
    void aTlsServerThatNeverHandshakesIsAFailedAttemptAndTheNextServerIsTried() throws Exception {
        SSLContext serverTls = TestTls.context(caPem(), CA.issue("server"));
        // the kernel accepts for it; it never reads the client's hello, never answers
        ServerSocket mute = serverTls.getServerSocketFactory().createServerSocket(0, 50, LOOPBACK);
        toClose.add(mute);
        SSLServerSocket healthy =
                (SSLServerSocket) serverTls.getServerSocketFactory().createServerSocket(0, 50, LOOPBACK);
        healthy.setSoTimeout(10_000);
        toClose.add(healthy);
        factory = tlsFactory(mute.getLocalPort());
        factory.setHandshakeTimeout(Duration.ofSeconds(2));
        linkWork = new SimpleAsyncTaskExecutor("link-");
        start(List.of(mute.getLocalPort(), healthy.getLocalPort()), "0.1", 0);

        scheduler.runNext(); // returns at once: the attempt runs on the link's thread, not the scheduler's
        await().until(() -> connection.state().status() == Status.CONNECTING);

        await().atMost(Duration.ofSeconds(30)).until(() -> connection.state().status() == Status.DISCONNECTED);
        assertThat(connection.state().lastError()).contains("handshake");
        assertThat(connection.state().server()).isEqualTo("127.0.0.1:" + healthy.getLocalPort());
        assertThat(scheduler.pending()).as("the next server, at once").containsExactly(Duration.ZERO);

        scheduler.runNext();
        LineClient accepted = accept(healthy);
        accepted.send("HI");
        assertThat(accepted.readLine()).isEqualTo("DAD");
        await().until(() -> connection.state().attemptsSinceSuccess() == 0);
    }

    @Test
    void aTlsServerThatStopsReadingHoldsNeitherTheSchedulerNorTheLinkAndTheHeartbeatGivesUpOnIt() throws Exception {
        SSLContext serverTls = TestTls.context(caPem(), CA.issue("server"));
        ServerSocket server = serverTls.getServerSocketFactory().createServerSocket(0, 50, LOOPBACK);
        server.setSoTimeout(10_000);
        toClose.add(server);
        factory = tlsFactory(server.getLocalPort());
        linkWork = new SimpleAsyncTaskExecutor("link-");
        start(List.of(server.getLocalPort()), "0.1", 0);
        scheduler.runNext();
        LineClient accepted = accept(server);
        accepted.send("UNKNOWN command=SOMETHING"); // proves the link, needs no answer
        await().until(() -> connection.state().attemptsSinceSuccess() == 0);

        // the server reads no more: the application's lines fill the socket until a write waits for room
        Thread sender = new Thread(
                () -> {
                    Message line = Message.builder("UNKNOWN")
                            .parameter("command", "x".repeat(1000))
                            .build();
                    try {
                        while (true) {
                            connection.send(line);
                        }
                    } catch (NotConnectedException e) {
                        // the connection was given up on
                    }
                },
                "sender");
        sender.setDaemon(true);
        sender.start();
        await().until(() -> waitsForRoomInTheSocket(sender));

        CompletableFuture<Void> probe = CompletableFuture.runAsync(() -> scheduler.advance(IDLE));
        await("the scheduler is not held by the ALIVE probe").until(probe::isDone);
        CompletableFuture<Void> noAnswer = CompletableFuture.runAsync(() -> scheduler.advance(TIMEOUT));
        await("nor by giving up on the connection").until(noAnswer::isDone);

        await().until(() -> connection.state().status() == Status.DISCONNECTED);
        assertThat(connection.state().lastError()).contains("heartbeat");
        await("the stuck write failed").until(() -> !sender.isAlive());
        assertThat(scheduler.pending()).as("the next attempt").containsExactly(ms(100));
    }

    @Test
    void listenersHearTheConnectionOpenBeforeItsFirstLineAndCloseAfterItsLast() throws Exception {
        ServerSocket server = listen(0);
        start(List.of(server.getLocalPort()), "0.1", 0);
        scheduler.runNext();
        LineClient accepted = accept(server);
        await().until(() -> life.contains("OPENED"));

        accepted.send("HI\nHI");
        assertThat(List.of(accepted.readLine(), accepted.readLine())).containsExactly("DAD", "DAD");
        accepted.close();

        await().until(() -> life.contains("CLOSED"));
        assertThat(life).containsExactly("OPENED", "HI", "HI", "CLOSED");
    }

    @Test
    void aGreetingOfTheOnConnectHandlersIsTheFirstLineThenTheBufferedOnes() throws Exception {
        handlers = List.of(new Conversation(), new Greeter());
        int port = FreePorts.tcp();
        start(List.of(port), "0.1", 0);
        scheduler.runNext();
        connection.send(Message.of("EVENT"), true);
        ServerSocket server = listen(port);

        scheduler.runNext();
        LineClient accepted = accept(server);

        assertThat(List.of(accepted.readLine(), accepted.readLine())).containsExactly("HELLO", "EVENT");
    }

    @Test
    void aReplyToAConnectionThatIsGoneOpensNoOtherThroughTheOutboundAdapter() throws Exception {
        ServerSocket server = listen(0);
        start(List.of(server.getLocalPort()), "0.1", 0);
        scheduler.runNext();
        LineClient accepted = accept(server);
        Peer gone = connection.peer();
        accepted.close();
        await().until(() -> connection.state().status() == Status.DISCONNECTED);

        gone.send(Message.of("LATE"));

        assertThat(factory.getOpenConnectionIds()).isEmpty();
        assertThat(connection.state().connections()).isEqualTo(1);
        assertThat(connection.state().attempts()).isEqualTo(1);
    }

    @Test
    void theBufferDropsTheOldestPastEitherBound() throws Exception {
        int port = FreePorts.tcp();
        start(properties(List.of(port), "0.1", 0, 3, DataSize.ofBytes(32)));
        scheduler.runNext();

        for (int i = 1; i <= 5; i++) {
            connection.send(
                    Message.builder("EVENT").parameter("n", Integer.toString(i)).build(), true);
        }
        assertThat(connection.bufferDropped()).as("three at most").isEqualTo(2);
        connection.send(
                Message.builder("EVENT").parameter("long", "x".repeat(10)).build(), true); // 21 bytes
        assertThat(connection.bufferDropped()).as("32 bytes at most").isEqualTo(4);

        ServerSocket server = listen(port);
        scheduler.runNext();
        LineClient fromClient = accept(server);
        assertThat(fromClient.readLine()).isEqualTo("EVENT n=5");
        assertThat(fromClient.readLine()).isEqualTo("EVENT long=xxxxxxxxxx");
    }

    @Test
    void failsOverToTheNextServerAtOnceAndComesBackToTheFirstAfterADrop() throws Exception {
        int first = FreePorts.tcp();
        ServerSocket second = listen(0);
        start(List.of(first, second.getLocalPort()), "0.1,0.5", 0);

        scheduler.runNext();
        assertThat(scheduler.pending()).as("the second server, at once").containsExactly(Duration.ZERO);
        scheduler.runNext();
        LineClient accepted = accept(second);
        assertThat(connection.state().server()).isEqualTo("127.0.0.1:" + second.getLocalPort());
        accepted.send("HI");
        assertThat(accepted.readLine()).isEqualTo("DAD");

        ServerSocket firstBack = listen(first);
        accepted.close();
        await().until(() -> connection.state().status() == Status.DISCONNECTED);
        assertThat(connection.state().server()).as("next attempt").isEqualTo("127.0.0.1:" + first);
        assertThat(scheduler.pending()).containsExactly(ms(100));

        scheduler.runNext();
        accept(firstBack);
        assertThat(connection.state().server()).isEqualTo("127.0.0.1:" + first);
        assertThat(connection.state().isConnected()).isTrue();
    }

    @Test
    void aServerThatAcceptsAndSaysNothingIsAFailedAttemptAndTheNextServerIsTried() throws Exception {
        ServerSocket mute = listen(0);
        ServerSocket second = listen(0);
        start(List.of(mute.getLocalPort(), second.getLocalPort()), "0.1,0.5", 0);
        scheduler.runNext();
        LineClient silent = accept(mute);
        assertThat(connection.state().status()).isEqualTo(Status.CONNECTED);

        assertThat(scheduler.runNext())
                .as("its first line was due within the stall timeout")
                .isEqualTo(STALL);

        assertThat(silent.closedByPeer()).as("the client gave up on it").isTrue();
        await().until(() -> connection.state().status() == Status.DISCONNECTED);
        assertThat(connection.state().lastError())
                .isEqualTo("the server was silent for 10s (stall timeout), closed before saying anything");
        assertThat(connection.state().server()).isEqualTo("127.0.0.1:" + second.getLocalPort());
        assertThat(scheduler.pending()).as("the next server, at once").containsExactly(Duration.ZERO);
    }

    @Test
    void anErrorWhileConnectingSchedulesTheNextAttempt() throws IOException {
        int port = FreePorts.tcp();
        AtomicBoolean fail = new AtomicBoolean(true);
        factory = new ServerListConnectionFactory(new HostPort("127.0.0.1", port)) {
            @Override
            protected Socket createSocket(String host, int p) throws IOException {
                if (fail.getAndSet(false)) {
                    throw new AssertionError("a failure no one expected");
                }
                return super.createSocket(host, p);
            }
        };
        start(properties(List.of(port), "0.1,0.5", 0, 1000, DataSize.ofMegabytes(1)));

        scheduler.runNext();

        assertThat(connection.state().lastError()).isEqualTo("a failure no one expected");
        assertThat(scheduler.pending()).containsExactly(ms(100));
        scheduler.runNext();
        assertThat(connection.state().lastError()).containsIgnoringCase("refused");
    }

    @Test
    void afterFinishNothingIsScheduledAndNothingSent() throws Exception {
        ServerSocket server = listen(0);
        start(List.of(server.getLocalPort()), "0.1", 0);
        scheduler.runNext();
        LineClient accepted = accept(server);

        connection.finish("BYE from the server");

        assertThat(accepted.closedByPeer()).as("closed by the client").isTrue();
        assertThat(connection.state().status()).isEqualTo(Status.DISCONNECTED);
        assertThat(scheduler.pending()).isEmpty();
        assertThat(events).last().satisfies(event -> assertThat(event.detail()).isEqualTo("BYE from the server"));
        assertThatThrownBy(() -> connection.send(Message.of("LATE"), true)).isInstanceOf(NotConnectedException.class);
    }

    @Test
    void linesWaitingWhenTheConversationEndsAreNeverSentEvenWhenTheLinkStartsAgain() throws Exception {
        int port = FreePorts.tcp();
        start(List.of(port), "0.1", 0);
        scheduler.runNext();
        for (int i = 1; i <= 3; i++) {
            connection.send(
                    Message.builder("EVENT").parameter("n", Integer.toString(i)).build(), true);
        }
        assertThat(connection.buffered()).isEqualTo(3);

        connection.finish("BYE from the server");

        assertThat(connection.buffered()).isZero();
        connection.stop();
        ServerSocket server = listen(port);
        connection.start();
        scheduler.runNext();
        LineClient accepted = accept(server);
        accepted.send("HI");
        assertThat(accepted.readLine())
                .as("the first line on the next connection: none of those that waited")
                .isEqualTo("DAD");
    }

    @Test
    void stopClosesTheConnectionAndCancelsTheTimers() throws Exception {
        ServerSocket server = listen(0);
        start(List.of(server.getLocalPort()), "0.1", 0);
        scheduler.runNext();
        LineClient accepted = accept(server);

        connection.stop();

        assertThat(connection.isRunning()).isFalse();
        assertThat(accepted.closedByPeer()).as("closed by the client").isTrue();
        assertThat(scheduler.pending()).isEmpty();
    }

    @Test
    void stopWhileWaitingCancelsTheNextAttempt() throws IOException {
        start(List.of(FreePorts.tcp()), "0.1", 0);
        scheduler.runNext();

        connection.stop();

        assertThat(scheduler.pending()).isEmpty();
        assertThat(connection.state().status()).isEqualTo(Status.DISCONNECTED);
    }

    private void start(List<Integer> ports, String pauses, double jitter) {
        start(properties(ports, pauses, jitter, 1000, DataSize.ofMegabytes(1)));
    }

    private static ClientConnectionProperties properties(
            List<Integer> ports, String pauses, double jitter, int maxMessages, DataSize maxBytes) {
        String servers = ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
        return new ClientConnectionProperties(
                servers,
                new ClientConnectionProperties.Reconnect(PauseList.valueOf(pauses), jitter),
                Duration.ofSeconds(2),
                STALL,
                new Heartbeat(IDLE, TIMEOUT),
                new Buffer(maxMessages, maxBytes),
                new ClientConnectionProperties.Ssl("", true, Duration.ofSeconds(10)),
                DataSize.ofKilobytes(64));
    }

    private void start(ClientConnectionProperties properties) {
        if (factory == null) {
            factory =
                    new ServerListConnectionFactory(properties.serverAddresses().get(0));
        }
        ByteArrayLfSerializer lines =
                TcpCodecs.lf((int) properties.maxLineLength().toBytes());
        factory.setSerializer(lines);
        factory.setDeserializer(lines);
        factory.setSingleUse(false);
        factory.setConnectTimeout(2);
        factory.setApplicationEventPublisher(event -> {}); // the link hears its connections directly
        // as the inbound channel adapter would
        factory.registerListener(message -> {
            if (message.getPayload() instanceof byte[] line) {
                connection.received(line, message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class));
            }
        });
        factory.start();
        // as the outbound flow does
        DirectChannel outbound = new DirectChannel();
        outbound.subscribe(new ClientConnectionWriter(factory));
        MessageDispatcher dispatcher =
                new MessageDispatcher(new DispatchProperties(false, true, true), List.of(new DispatchObserver() {
                    @Override
                    public void received(Message message, Peer from, long at) {
                        dispatched.add(message.command());
                    }
                }));
        dispatcher.useHandlers(handlers);
        connection = new PermanentConnection(
                factory,
                properties,
                new ReconnectPolicy(
                        properties.reconnect().pauses(), properties.reconnect().jitter()),
                scheduler,
                linkWork,
                dispatcher,
                new ConnectionEvents(List.of(lifecycle, new ConnectHandlers(dispatcher))),
                event -> {
                    if (event instanceof PermanentConnectionEvent e) {
                        events.add(e);
                    }
                },
                outbound);
        connection.start();
    }

    private Path caPem() {
        return CA.writeCertificate(files.resolve("ca.pem"));
    }

    /** TLS as the application sets it up: the CA trusted, the server's name checked. */
    private ServerListConnectionFactory tlsFactory(int port) {
        Path ca = caPem();
        ServerListConnectionFactory tls = new ServerListConnectionFactory(new HostPort("127.0.0.1", port));
        tls.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(() -> TestTls.context(ca, null)));
        tls.setTcpSocketSupport(new DefaultTcpSocketSupport(true));
        return tls;
    }

    /** Parked in the socket's write, for the server to make room: it reads nothing, so it stays there. */
    private static boolean waitsForRoomInTheSocket(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("park")
                        && frame.getClassName().endsWith("NioSocketImpl"));
    }

    private void awaitNextAttemptScheduled() {
        await().until(() -> connection.state().status() == Status.DISCONNECTED
                && scheduler.pending().size() == 1);
    }

    private List<Kind> kinds() {
        return events.stream().map(PermanentConnectionEvent::kind).toList();
    }

    private ServerSocket listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(LOOPBACK, port));
        server.setSoTimeout(10_000);
        toClose.add(server);
        return server;
    }

    private LineClient accept(ServerSocket server) throws IOException {
        LineClient client = new LineClient(server.accept());
        toClose.add(client);
        return client;
    }

    /** A full server, as ours is at max-connections: every connection accepted, and closed at once. */
    private AcceptingServer acceptAndClose() throws IOException {
        ServerSocket socket = listen(0);
        socket.setSoTimeout(0);
        AcceptingServer server = new AcceptingServer(socket);
        toClose.add(server);
        server.start();
        return server;
    }

    private static final class AcceptingServer extends Thread implements AutoCloseable {

        final AtomicBoolean greet = new AtomicBoolean();
        private final ServerSocket socket;
        private volatile int accepted;

        AcceptingServer(ServerSocket socket) {
            super("accept-and-close");
            this.socket = socket;
            setDaemon(true);
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted;
        }

        @Override
        public void run() {
            try {
                while (!socket.isClosed()) {
                    try (LineClient client = new LineClient(socket.accept())) {
                        accepted++;
                        if (greet.get()) {
                            client.send("HI");
                            client.readLine(); // its DAD
                        }
                    }
                }
            } catch (SocketException closed) {
                // the test is over
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
