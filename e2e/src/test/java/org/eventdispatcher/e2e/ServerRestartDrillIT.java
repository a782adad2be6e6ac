package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server is killed (SIGKILL) and started again five times while twenty clients loop through
 * conversations: two real client daemons in their no-end mode and eighteen loops in this test.
 * Every client must recover after every restart; no client process dies; the server never exits
 * on its own.
 */
class ServerRestartDrillIT {

    private static final int RESTARTS = 5;
    private static final int TEST_CLIENTS = 18;

    @RegisterExtension
    final Processes processes = new Processes();

    @Test
    void everyClientRecoversFromEveryServerRestart() throws Exception {
        int port = LoopbackPorts.free();
        int udp = LoopbackPorts.free();
        DaemonProcess server = Daemons.server(processes, port, udp);

        List<DaemonProcess> daemons = List.of(
                Daemons.client(processes, "looping-client-1", port, "--conversations", "0"),
                Daemons.client(processes, "looping-client-2", port, "--conversations", "0"));
        AtomicBoolean running = new AtomicBoolean(true);
        List<AtomicInteger> completed = new ArrayList<>();
        List<Thread> loops = new ArrayList<>();
        for (int i = 0; i < TEST_CLIENTS; i++) {
            AtomicInteger count = new AtomicInteger();
            completed.add(count);
            Thread loop = new Thread(() -> converseUntilStopped(port, running, count), "drill-client-" + i);
            loop.setDaemon(true);
            loop.start();
            loops.add(loop);
        }
        try {
            for (int restart = 0; restart <= RESTARTS; restart++) {
                awaitEveryClientProgresses(completed, daemons);
                if (restart == RESTARTS) {
                    break;
                }
                assertThat(server.isAlive())
                        .as("the server never exits on its own")
                        .isTrue();
                server.kill();
                server.awaitExit(Duration.ofSeconds(30));
                server = Daemons.server(processes, port, udp);
            }
            for (DaemonProcess daemon : daemons) {
                assertThat(daemon.isAlive()).as(daemon + " still running").isTrue();
            }
            assertThat(server.isAlive()).isTrue();
        } finally {
            running.set(false);
            for (Thread loop : loops) {
                loop.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    /**
     * Waits until every test loop and every client daemon has completed a new conversation; names
     * the ones that did not, with the end of each stuck daemon's log.
     */
    private static void awaitEveryClientProgresses(List<AtomicInteger> completed, List<DaemonProcess> daemons) {
        int[] before = completed.stream().mapToInt(AtomicInteger::get).toArray();
        long[] daemonsBefore =
                daemons.stream().mapToLong(ServerRestartDrillIT::conversations).toArray();
        try {
            await("every client completes a conversation")
                    .atMost(Daemons.START)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() ->
                            stuck(completed, before, daemons, daemonsBefore).isEmpty());
        } catch (ConditionTimeoutException timeout) {
            throw new AssertionError(
                    "no new conversation within " + Daemons.START + " from: "
                            + String.join("\n", stuck(completed, before, daemons, daemonsBefore)),
                    timeout);
        }
    }

    private static List<String> stuck(
            List<AtomicInteger> completed, int[] before, List<DaemonProcess> daemons, long[] daemonsBefore) {
        List<String> stuck = new ArrayList<>();
        for (int i = 0; i < before.length; i++) {
            if (completed.get(i).get() <= before[i]) {
                stuck.add("drill-client-" + i);
            }
        }
        for (int i = 0; i < daemonsBefore.length; i++) {
            DaemonProcess daemon = daemons.get(i);
            if (conversations(daemon) <= daemonsBefore[i]) {
                List<String> output = daemon.output();
                stuck.add(daemon + ", whose log ends:\n  "
                        + String.join("\n  ", output.subList(Math.max(0, output.size() - 20), output.size())));
            }
        }
        return stuck;
    }

    private static long conversations(DaemonProcess client) {
        return client.output().stream()
                .filter(line -> line.contains("complete; starting the next"))
                .count();
    }

    /** One looping client: converse, and after a failure (server down) try again a little later. */
    private static void converseUntilStopped(int port, AtomicBoolean running, AtomicInteger completed) {
        while (running.get()) {
            try {
                if (Conversations.run(port).equals(Conversations.EXPECTED)) {
                    completed.incrementAndGet();
                }
            } catch (IOException serverDown) {
                // pacing, not synchronisation: do not hammer a server that is restarting
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }
}
