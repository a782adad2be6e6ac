package org.eventdispatcher.logrotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;
import org.eventdispatcher.autoconfigure.LogRotateAutoConfiguration;
import org.eventdispatcher.dispatch.FakePeer;
import org.eventdispatcher.dispatch.LogCapture;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.builtin.LogRotateCommand;
import org.eventdispatcher.udp.DatagramReceiver;
import org.eventdispatcher.udp.ListenerBindFailureAnalyzer;
import org.eventdispatcher.udp.LogRotateListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The log-rotate listener over real UDP on 127.0.0.1, with real logback file appenders. */
class LogRotateOverUdpTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    IntegrationAutoConfiguration.class,
                    DispatcherAutoConfiguration.class,
                    LogRotateAutoConfiguration.class))
            .withPropertyValues("eventdispatcher.log-rotate.listen=127.0.0.1:0")
            .withBean(ReopenedEvents.class);

    private static int port(AssertableApplicationContext context) {
        return context.getBean(LogRotateListener.class).localAddress().getPort();
    }

    @Test
    void logRotateAfterARenameMovesLoggingToAFreshFileWithoutLosingALine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("daemon.log");
        Path renamed = dir.resolve("daemon.log.1");
        try (TestLogFile file = new TestLogFile(log, "rotation.test")) {
            runner.run(context -> {
                AtomicInteger written = new AtomicInteger();
                AtomicBoolean stop = new AtomicBoolean();
                // logs without pause while the file is renamed and reopened under it
                Thread writer = new Thread(
                        () -> {
                            for (int i = 0; i < 500_000 && !stop.get(); i++) {
                                file.logger.info("line {}", i);
                                written.set(i + 1);
                            }
                        },
                        "test-writer");
                writer.start();
                await().until(() -> written.get() >= 100);
                Files.move(log, renamed);
                try (Datagrams udp = new Datagrams(port(context))) {
                    udp.send("LOG_ROTATE");
                }
                LogFilesReopened event = context.getBean(ReopenedEvents.class).next();
                int atRotation = written.get();
                await().until(() -> written.get() >= atRotation + 100 || !writer.isAlive());
                stop.set(true);
                writer.join();
                int total = written.get();
                file.logger.info("line {}", total);

                assertThat(event.files()).contains(log.toString());
                List<String> oldLines = Files.readAllLines(renamed);
                List<String> newLines = Files.readAllLines(log);
                assertThat(oldLines).isNotEmpty();
                assertThat(newLines).endsWith("line " + total);
                List<String> all = new ArrayList<>(oldLines);
                all.addAll(newLines);
                assertThat(all)
                        .as("every line once, in order, across the two files")
                        .isEqualTo(IntStream.rangeClosed(0, total)
                                .mapToObj(i -> "line " + i)
                                .toList());
            });
        }
    }

    @Test
    void theOlderNameLogRotatesToo(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("daemon.log");
        try (TestLogFile file = new TestLogFile(log, "rotation.alias")) {
            runner.run(context -> {
                file.logger.info("before");
                Files.move(log, dir.resolve("daemon.log.1"));
                try (Datagrams udp = new Datagrams(port(context))) {
                    udp.send("LOG");
                }
                assertThat(context.getBean(ReopenedEvents.class).next().files()).contains(log.toString());
                file.logger.info("after");
                assertThat(Files.readAllLines(log)).containsExactly("after");
                assertThat(Files.readAllLines(dir.resolve("daemon.log.1"))).containsExactly("before");
            });
        }
    }

    @Test
    void aSnapLoggerLogRecordIsDroppedAsAnUnknownCommandAndLogAloneStillRotates() {
        runner.run(context -> {
            ReopenedEvents events = context.getBean(ReopenedEvents.class);
            try (LogCapture logs = new LogCapture();
                    Datagrams udp = new Datagrams(port(context))) {
                udp.send("LOG timestamp=1733600000.5;message=hello;severity=info");
                udp.send("LOG timestamp=1733600001;message=again;severity=info");
                udp.send("LOG");
                events.next();

                assertThat(events.pending()).as("the records did not rotate").isZero();
                assertThat(logs.count("unknown command from 127.0.0.1:"))
                        .as("dropped as an unknown command, logged once")
                        .isEqualTo(1);
                assertThat(udp.received()).as("nothing is sent back over UDP").isNull();
            }
        });
    }

    @Test
    void withASecretOnlyTheRightSecretCodeRotatesAndNeitherValueIsLogged() {
        runner.withPropertyValues("eventdispatcher.log-rotate.secret=s3cr3t-value")
                .run(context -> {
                    ReopenedEvents events = context.getBean(ReopenedEvents.class);
                    try (LogCapture logs = new LogCapture();
                            Datagrams udp = new Datagrams(port(context))) {
                        udp.send("LOG_ROTATE secret_code=guess-value");
                        udp.send("LOG_ROTATE");
                        udp.send("LOG secret_code=guess-value");
                        udp.send("LOG_ROTATE secret_code=s3cr3t-value");
                        events.next();
                        udp.send("<host:ed_signal LOG secret_code=s3cr3t-value");
                        events.next();

                        assertThat(events.pending())
                                .as("only the two with the right secret rotated")
                                .isZero();
                        assertThat(logs.count("dropped: secret_code"))
                                .as("three drops, logged once")
                                .isEqualTo(1);
                        assertThat(logs.messages()).noneMatch(m -> m.contains("s3cr3t") || m.contains("guess-value"));
                    }
                });
    }

    @Test
    void withoutASecretASecretCodeIsAcceptedWithAWarning() {
        runner.run(context -> {
            try (LogCapture logs = new LogCapture();
                    Datagrams udp = new Datagrams(port(context))) {
                udp.send("LOG_ROTATE secret_code=unasked-value");
                context.getBean(ReopenedEvents.class).next();
                assertThat(logs.count("carries a secret_code but none is configured: accepted"))
                        .isEqualTo(1);
                assertThat(logs.messages()).noneMatch(m -> m.contains("unasked-value"));
            }
        });
    }

    @Test
    void theSecretGuardsLogRotateOnConnectionsToo() {
        runner.withPropertyValues("eventdispatcher.log-rotate.secret=s3cr3t-value")
                .run(context -> {
                    MessageDispatcher dispatcher = context.getBean(MessageDispatcher.class);
                    ReopenedEvents events = context.getBean(ReopenedEvents.class);
                    FakePeer connection = new FakePeer();
                    dispatcher.receive("LOG_ROTATE secret_code=guess-value", connection);
                    dispatcher.receive("LOG_ROTATE", connection);
                    assertThat(events.pending()).isZero();
                    dispatcher.receive("LOG_ROTATE secret_code=s3cr3t-value", connection);
                    assertThat(events.next().from()).isEqualTo(connection.address());
                    assertThat(connection.sent()).as("LOG_ROTATE has no reply").isEmpty();
                });
    }

    @Test
    void garbageIsLoggedOnceAndDroppedRepliesAreNeverSentAndTheListenerGoesOn() {
        runner.run(context -> {
            ReopenedEvents events = context.getBean(ReopenedEvents.class);
            try (LogCapture logs = new LogCapture();
                    Datagrams udp = new Datagrams(port(context))) {
                for (int i = 0; i < 20; i++) {
                    udp.send(new byte[] {'H', 0, (byte) 0xff, 'X'});
                    udp.send("lowercase garbage");
                    udp.send(datagram("LOG_ROTATE pad=", DatagramReceiver.MAX_DATAGRAM + 1));
                }
                udp.send("HELP");
                udp.send("ALIVE serial=7");
                udp.send("NOT_A_COMMAND");
                udp.send(datagram("LOG_ROTATE pad=", DatagramReceiver.MAX_DATAGRAM));
                events.next();
                udp.send("LOG_ROTATE");
                events.next();

                assertThat(events.pending())
                        .as("the datagrams over 1024 bytes did not rotate")
                        .isZero();
                // the commands before the last LOG_ROTATE were handled before it: any answer would be here by now
                assertThat(udp.received()).as("nothing is sent back over UDP").isNull();
                assertThat(logs.count("invalid line from 127.0.0.1:"))
                        .as("40 bad lines, one line logged")
                        .isEqualTo(1);
                assertThat(logs.count("longer than 1024 bytes")).isEqualTo(1);
                assertThat(logs.count("unknown command from")).isEqualTo(1);
            }
        });
    }

    @Test
    void aTakenPortFailsTheStartUnlessFallingBackToAnyPortIsAllowed() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            String listen = "eventdispatcher.log-rotate.listen=127.0.0.1:" + taken.getLocalPort();
            runner.withPropertyValues(listen).run(context -> {
                assertThat(context).hasFailed();
                // what a daemon prints instead of a stack trace
                FailureAnalysis analysis = new ListenerBindFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription())
                        .startsWith(
                                "log-rotate listener: cannot listen on udp 127.0.0.1:" + taken.getLocalPort() + ": ");
                assertThat(analysis.getAction()).contains("--log-rotate-listen", "fallback-to-any-port=true");
            });

            runner.withPropertyValues(listen, "eventdispatcher.log-rotate.fallback-to-any-port=true")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        int port = port(context);
                        assertThat(port).isPositive().isNotEqualTo(taken.getLocalPort());
                        try (Datagrams udp = new Datagrams(port)) {
                            udp.send("LOG_ROTATE");
                        }
                        context.getBean(ReopenedEvents.class).next();
                    });
        }
    }

    @Test
    void aListenAddressWithoutAPortFailsTheStartSayingSo() {
        runner.withPropertyValues("eventdispatcher.log-rotate.listen=localhost").run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("eventdispatcher.log-rotate.listen")
                .hasMessageContaining("the port is missing"));
    }

    @Test
    void disabledMeansNoListenerAndNoCommand() {
        runner.withPropertyValues("eventdispatcher.log-rotate.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(LogRotateListener.class).doesNotHaveBean(LogRotateCommand.class);
            assertThat(context.getBean(MessageDispatcher.class).commands()).doesNotContain("LOG_ROTATE");
        });
    }

    @Test
    void helpListsLogRotateButNotItsOlderName() {
        runner.run(
                context -> assertThat(context.getBean(MessageDispatcher.class).commands())
                        .contains("LOG_ROTATE")
                        .doesNotContain("LOG"));
    }

    private static byte[] datagram(String start, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'A');
        byte[] head = start.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }
}
