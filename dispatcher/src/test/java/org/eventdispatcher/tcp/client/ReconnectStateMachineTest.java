package org.eventdispatcher.tcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventdispatcher.link.PauseList;
import org.eventdispatcher.link.ReconnectPolicy;
import org.eventdispatcher.protocol.transport.Endpoint;
import org.eventdispatcher.protocol.transport.HostPort;
import org.eventdispatcher.tcp.client.ConnectionState.Status;
import org.eventdispatcher.tcp.client.PermanentConnectionEvent.Kind;
import org.eventdispatcher.testing.scheduling.ManualTaskScheduler;
import org.junit.jupiter.api.Test;

/**
 * The state machine alone, on a manual clock, its attempts run on the test's thread by a connector
 * that refuses, or accepts (as the factory does: it tells the machine before it returns).
 */
class ReconnectStateMachineTest {

    private static final HostPort FIRST = new HostPort("first", 1);
    private static final HostPort SECOND = new HostPort("second", 2);

    private final ManualTaskScheduler scheduler = new ManualTaskScheduler();
    private final List<Endpoint> tried = new CopyOnWriteArrayList<>();
    private final List<Kind> told = new CopyOnWriteArrayList<>();
    private volatile boolean accept;
    private ReconnectStateMachine machine;

    @Test
    void failedAttemptsTryEachServerAtOnceThenPauseAsThePolicySays() {
        start(List.of(FIRST, SECOND), "0.1,0.5");

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(scheduler.runNext());
        }

        assertThat(waits).containsExactly(Duration.ZERO, Duration.ZERO, ms(100), Duration.ZERO, ms(500));
        assertThat(tried).containsExactly(FIRST, SECOND, FIRST, SECOND, FIRST);
        assertThat(machine.state().attemptsSinceSuccess()).isEqualTo(5);
        assertThat(machine.state().lastError()).isEqualTo("refused");
        assertThat(told).startsWith(Kind.ATTEMPT, Kind.ATTEMPT_FAILED, Kind.ATTEMPT, Kind.ATTEMPT_FAILED);
    }

    @Test
    void aConnectionThatProvedItselfStartsThePausesAndTheServersOver() {
        start(List.of(FIRST, SECOND), "0.1,0.5");
        scheduler.runNext();
        accept = true;
        scheduler.runNext();
        assertThat(machine.state().status()).isEqualTo(Status.CONNECTED);
        assertThat(machine.state().server()).isEqualTo("second:2");

        machine.proven();
        machine.lost("the server closed the connection", true, "10.0.0.2:2", "second");

        assertThat(machine.state().attemptsSinceSuccess()).isZero();
        assertThat(machine.state().server()).as("the preferred one first").isEqualTo("first:1");
        assertThat(scheduler.pending()).containsExactly(ms(100));
        assertThat(told).endsWith(Kind.ATTEMPT, Kind.LOST);
    }

    @Test
    void aConnectionLostBeforeProvingItselfIsAFailedAttempt() {
        accept = true;
        start(List.of(FIRST, SECOND), "0.1,0.5");
        scheduler.runNext();

        machine.lost("the server closed the connection", false, "10.0.0.1:1", "first");

        assertThat(machine.state().lastError()).isEqualTo("the server closed the connection before saying anything");
        assertThat(machine.state().server()).as("the next server").isEqualTo("second:2");
        assertThat(scheduler.pending()).as("at once").containsExactly(Duration.ZERO);
        assertThat(machine.state().attemptsSinceSuccess()).isEqualTo(1);
    }

    @Test
    void aSecondConnectionWhileConnectedIsNotWanted() {
        accept = true;
        start(List.of(FIRST), "0.1");
        scheduler.runNext();

        assertThat(machine.connected()).isNull();
        assertThat(machine.state().connections()).isEqualTo(1);
    }

    @Test
    void stopAndFinishCancelTheNextAttempt() {
        start(List.of(FIRST), "0.1");
        scheduler.runNext();
        assertThat(scheduler.pending()).hasSize(1);

        assertThat(machine.stop()).isTrue();
        assertThat(scheduler.pending()).isEmpty();
        assertThat(machine.state().nextAttempt()).isNull();

        assertThat(machine.start()).isTrue();
        machine.finish();
        assertThat(scheduler.pending()).isEmpty();
        assertThat(machine.connected()).as("finished: no connection wanted").isNull();
    }

    @Test
    void aLossAfterStopSchedulesNothing() {
        accept = true;
        start(List.of(FIRST), "0.1");
        scheduler.runNext();

        machine.stop();
        machine.lost("the client is stopping", true, "10.0.0.1:1", "first");

        assertThat(scheduler.pending()).isEmpty();
        assertThat(machine.state().status()).isEqualTo(Status.DISCONNECTED);
    }

    private void start(List<Endpoint> servers, String pauses) {
        machine = new ReconnectStateMachine(
                servers,
                new ReconnectPolicy(PauseList.valueOf(pauses), 0),
                scheduler,
                Runnable::run,
                server -> {
                    tried.add(server);
                    if (!accept) {
                        throw new IllegalStateException("refused");
                    }
                    machine.connected();
                },
                (kind, state, detail) -> told.add(kind));
        machine.start();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
