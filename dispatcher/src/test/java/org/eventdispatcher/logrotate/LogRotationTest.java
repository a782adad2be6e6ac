package org.eventdispatcher.logrotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eventdispatcher.autoconfigure.DaemonAutoConfiguration;
import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;
import org.eventdispatcher.autoconfigure.LogRotateAutoConfiguration;
import org.eventdispatcher.autoconfigure.TcpServerAutoConfiguration;
import org.eventdispatcher.dispatch.FakePeer;
import org.eventdispatcher.dispatch.LogCapture;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.tcp.server.ListeningServer;
import org.eventdispatcher.testing.lines.LineClient;
import org.eventdispatcher.testing.scheduling.ManualTaskScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.ApplicationEventPublisher;

/**
 * LOG_ROTATE over a connection, as the TCP transport hands lines to the dispatcher: the reopening
 * runs on the rotation's scheduler, never on the caller's thread, at most once a second, and the
 * requests in between are merged and counted. The scheduler here runs on a clock the test moves.
 */
class LogRotationTest {

    private final ManualTaskScheduler scheduler = new ManualTaskScheduler();
    /** Where the rotation publishes, once the context runs: tasks run only when the test moves the clock. */
    private final AtomicReference<ApplicationEventPublisher> events = new AtomicReference<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    IntegrationAutoConfiguration.class,
                    DispatcherAutoConfiguration.class,
                    LogRotateAutoConfiguration.class))
            .withPropertyValues("eventdispatcher.log-rotate.listen=127.0.0.1:0")
            .withBean(ReopenedEvents.class)
            .withBean(
                    "logRotation",
                    LogRotation.class,
                    () -> new LogRotation(new LogFiles(), event -> events.get().publishEvent(event), scheduler));

    private void run(ContextConsumer<AssertableApplicationContext> test) {
        runner.run(context -> {
            events.set(context);
            test.accept(context);
        });
    }

    @Test
    void aBurstOfAThousandLogRotateLinesMakesOneReopenAndOneLogLineAndIsCounted(@TempDir Path dir) throws Exception {
        try (TestLogFile file = new TestLogFile(dir.resolve("daemon.log"), "burst.test")) {
            run(context -> {
                FakePeer connection = new FakePeer();
                try (LogCapture logs = new LogCapture()) {
                    for (int i = 0; i < 1_000; i++) {
                        dispatcher(context).receive("LOG_ROTATE".getBytes(StandardCharsets.UTF_8), connection);
                    }
                    LogRotation rotation = context.getBean(LogRotation.class);
                    assertThat(rotation.reopens())
                            .as("nothing reopened on the caller's thread")
                            .isZero();
                    assertThat(scheduler.waiting())
                            .as("one reopen due, the rest merged into it")
                            .isEqualTo(1);

                    scheduler.advance(Duration.ZERO);
                    scheduler.advance(Duration.ofMinutes(1));

                    assertThat(rotation.reopens()).isEqualTo(1);
                    assertThat(rotation.coalesced()).isEqualTo(999);
                    assertThat(context.getBean(ReopenedEvents.class).pending()).isEqualTo(1);
                    assertThat(logs.count("reopened"))
                            .as("one log line for the burst")
                            .isEqualTo(1);
                    assertThat(logs.count("999 more request(s) merged")).isEqualTo(1);
                    assertThat(connection.sent()).isEmpty();
                }
            });
        }
    }

    @Test
    void aRequestWithinASecondOfAReopenIsPutOffToTheSecondsEndNotDropped(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("daemon.log");
        try (TestLogFile file = new TestLogFile(log, "interval.test")) {
            run(context -> {
                LogRotation rotation = context.getBean(LogRotation.class);
                FakePeer connection = new FakePeer();
                dispatcher(context).receive("LOG_ROTATE", connection);
                scheduler.advance(Duration.ZERO);
                assertThat(rotation.reopens()).as("the first at once").isEqualTo(1);

                file.logger.info("before");
                Files.move(log, dir.resolve("daemon.log.1"));
                dispatcher(context).receive("LOG_ROTATE", connection);
                dispatcher(context).receive("LOG", connection);
                scheduler.advance(Duration.ofMillis(999));
                assertThat(rotation.reopens()).as("not twice within a second").isEqualTo(1);

                scheduler.advance(Duration.ofMillis(1));
                assertThat(rotation.reopens())
                        .as("the second at the second's end")
                        .isEqualTo(2);
                assertThat(rotation.coalesced()).isEqualTo(1);
                file.logger.info("after");
                assertThat(Files.readAllLines(log)).containsExactly("after");

                scheduler.advance(Duration.ofSeconds(5));
                dispatcher(context).receive("LOG_ROTATE", connection);
                scheduler.advance(Duration.ZERO);
                assertThat(rotation.reopens())
                        .as("a second later, at once again")
                        .isEqualTo(3);
            });
        }
    }

    @Test
    void aClockSetBackDoesNotPutTheNextReopenOffForLongerThanASecond() {
        run(context -> {
            LogRotation rotation = context.getBean(LogRotation.class);
            dispatcher(context).receive("LOG_ROTATE", new FakePeer());
            scheduler.advance(Duration.ZERO);
            scheduler.setBack(Duration.ofHours(1));

            dispatcher(context).receive("LOG_ROTATE", new FakePeer());
            scheduler.advance(Duration.ofSeconds(1));
            assertThat(rotation.reopens()).isEqualTo(2);
        });
    }

    @Test
    void theCountsAreMeters() {
        run(context -> {
            dispatcher(context).receive("LOG_ROTATE", new FakePeer());
            dispatcher(context).receive("LOG_ROTATE", new FakePeer());
            scheduler.advance(Duration.ZERO);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBeansOfType(MeterBinder.class).values().forEach(binder -> binder.bindTo(registry));

            assertThat(registry.get("eventdispatcher.log-rotate.reopens")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("eventdispatcher.log-rotate.coalesced")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void aSnapLoggerLogRecordDoesNotReopenTheLogsAndIsAnsweredUnknown() {
        run(context -> {
            FakePeer connection = new FakePeer();
            dispatcher(context).receive("LOG timestamp=1733600000.5;message=hello;severity=info", connection);
            dispatcher(context).receive("LOG message=", connection);

            assertThat(scheduler.waiting()).as("no reopen asked for").isZero();
            assertThat(connection.sentLines()).containsExactly("UNKNOWN command=LOG", "UNKNOWN command=LOG");

            dispatcher(context).receive("LOG", connection);
            dispatcher(context).receive("LOG_ROTATE message=rotate-anyway", connection);
            scheduler.advance(Duration.ZERO);
            assertThat(context.getBean(LogRotation.class).reopens())
                    .as("LOG alone and LOG_ROTATE, whatever it carries, still reopen")
                    .isEqualTo(1);
            assertThat(context.getBean(LogRotation.class).coalesced()).isEqualTo(1);
            assertThat(connection.sent()).hasSize(2);
        });
    }

    @Test
    void aLogRecordIsNotTakenForARotationWithABadSecretEither() {
        runner.withPropertyValues("eventdispatcher.log-rotate.secret=s3cr3t-value")
                .run(context -> {
                    events.set(context);
                    FakePeer connection = new FakePeer();
                    try (LogCapture logs = new LogCapture()) {
                        dispatcher(context).receive("LOG timestamp=1733600000.5;message=hello", connection);

                        assertThat(connection.sentLines()).containsExactly("UNKNOWN command=LOG");
                        assertThat(logs.count("dropped: secret_code")).isZero();
                        assertThat(scheduler.waiting()).isZero();
                    }
                });
    }

    @Test
    void overARealConnectionALogRecordIsAnsweredUnknownAndLogAloneReopens() {
        runner.withConfiguration(AutoConfigurations.of(
                        TaskSchedulingAutoConfiguration.class,
                        DaemonAutoConfiguration.class,
                        TcpServerAutoConfiguration.class))
                .withPropertyValues("eventdispatcher.server.listen=127.0.0.1:0")
                .run(context -> {
                    events.set(context);
                    try (LineClient client = new LineClient(
                            context.getBean(ListeningServer.class).getPort())) {
                        assertThat(client.ask("LOG timestamp=1733600000.5;message=hello;severity=info"))
                                .isEqualTo("UNKNOWN command=LOG");
                        client.send("LOG");
                        // answered after the LOG before it: by then that one was handled
                        assertThat(client.ask("HELP")).startsWith("COMMANDS list=");
                    }
                    scheduler.advance(Duration.ZERO);
                    assertThat(context.getBean(LogRotation.class).reopens()).isEqualTo(1);
                });
    }

    private static MessageDispatcher dispatcher(AssertableApplicationContext context) {
        return context.getBean(MessageDispatcher.class);
    }
}
