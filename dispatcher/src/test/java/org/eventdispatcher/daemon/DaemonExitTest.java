package org.eventdispatcher.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Real application contexts stopped by {@link DaemonExit}, with recorders in place of
 * {@code System.exit} and {@code Runtime.halt}.
 */
class DaemonExitTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration SHORT_DEADLINE = Duration.ofMillis(100);

    private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
    private final CompletableFuture<Integer> haltStatus = new CompletableFuture<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** Closing a context with this bean blocks until the test releases it, as 10 000 connections can. */
    private final class StuckOnClose implements DisposableBean {
        @Override
        public void destroy() throws InterruptedException {
            closing.countDown();
            release.await();
        }
    }

    @AfterEach
    void releaseTheStuckClose() {
        release.countDown();
    }

    @Test
    void aStopStuckPastTheDeadlineIsHaltedWithTheRequestedStatus() throws Exception {
        GenericApplicationContext context = contextWith(true);
        DaemonExit exit =
                new DaemonExit(context, exitStatus::complete, new ExitDeadline(SHORT_DEADLINE, haltStatus::complete));

        exit.exit(3, "QUIT from a test");

        assertThat(haltStatus.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(exit.deadlineOutcome().get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .as("halted")
                .isTrue();
        assertThat(closing.getCount()).as("the close had begun").isZero();
        assertThat(exitStatus).as("the orderly stop is still stuck").isNotDone();

        // in a daemon the process is gone by now; here the orderly stop goes on once released
        release.countDown();
        assertThat(exitStatus.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(haltStatus.get()).as("halted once").isEqualTo(3);
    }

    @Test
    void aStopWithinTheDeadlineExitsAndIsNotHalted() throws Exception {
        GenericApplicationContext context = contextWith(false);
        // generous: the point is that the orderly stop calls the deadline off, not how fast it is
        DaemonExit exit =
                new DaemonExit(context, exitStatus::complete, new ExitDeadline(PATIENCE, haltStatus::complete));

        exit.exit(0, "QUIT from a test");

        assertThat(exitStatus.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isZero();
        assertThat(exit.deadlineOutcome().get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .as("halted")
                .isFalse();
        assertThat(haltStatus).isNotDone();
        assertThat(context.isActive()).isFalse();
    }

    @Test
    void withoutADeadlineAStuckStopIsNeverHalted() throws Exception {
        GenericApplicationContext context = contextWith(true);
        DaemonExit exit = new DaemonExit(context, exitStatus::complete);

        exit.exit(0, "QUIT from a test");

        assertThat(closing.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(exit.deadlineOutcome()).isCompletedWithValue(false);
        release.countDown();
        assertThat(exitStatus.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isZero();
    }

    @Test
    void onlyTheFirstRequestCounts() throws Exception {
        GenericApplicationContext context = contextWith(true);
        DaemonExit exit =
                new DaemonExit(context, exitStatus::complete, new ExitDeadline(SHORT_DEADLINE, haltStatus::complete));

        exit.exit(4, "first");
        exit.exit(5, "second");

        assertThat(exit.isExiting()).isTrue();
        assertThat(haltStatus.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(4);
        release.countDown();
        assertThat(exitStatus.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(4);
        await().atMost(PATIENCE).until(() -> !context.isActive());
    }

    @Test
    void aStopThatFailsCountsAsNotOverAndIsHaltedAtTheDeadline() throws Exception {
        ExitDeadline deadline = new ExitDeadline(SHORT_DEADLINE, haltStatus::complete);
        CompletableFuture<Void> stopped = new CompletableFuture<>();

        CompletableFuture<Boolean> outcome = deadline.watch(1, stopped);
        stopped.completeExceptionally(new IllegalStateException("a shutdown hook failed"));

        assertThat(outcome.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(haltStatus).isCompletedWithValue(1);
    }

    @Test
    void theDeadlineMustBePositive() {
        assertThatThrownBy(() -> new ExitDeadline(Duration.ZERO, status -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new DaemonProperties(
                        true, Duration.ofMillis(-1), new DaemonProperties.Stop(List.of("127.0.0.0/8"), "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eventdispatcher.daemon.exit-deadline must be positive, not PT-0.001S");
    }

    @Test
    void theDeadlineIs1500msUnlessConfigured() {
        assertThat(bind(Map.of()).exitDeadline()).isEqualTo(Duration.ofMillis(1500));
        assertThat(bind(Map.of("eventdispatcher.daemon.exit-deadline", "5s")).exitDeadline())
                .isEqualTo(Duration.ofSeconds(5));
    }

    private static DaemonProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("eventdispatcher.daemon", DaemonProperties.class);
    }

    private GenericApplicationContext contextWith(boolean stuckOnClose) {
        GenericApplicationContext context = new GenericApplicationContext();
        if (stuckOnClose) {
            context.registerBean(StuckOnClose.class, StuckOnClose::new);
        }
        context.refresh();
        return context;
    }
}
