package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the README tells a user to do, with the real jars. */
class ReadmeScenarioIT {

    @RegisterExtension
    final Processes processes = new Processes();

    @Test
    void threeClientsTalkToTheServerThenSignalCliStopsIt() {
        int port = LoopbackPorts.free();
        int management = LoopbackPorts.free();
        // started without the helper's check that the port listens: that check is a connection of its own
        DaemonProcess server = processes.start(
                "server",
                Processes.SERVER,
                List.of(
                        "--listen",
                        LoopbackPorts.HOST + ":" + port,
                        "--log-rotate-listen",
                        LoopbackPorts.HOST + ":" + LoopbackPorts.free(),
                        "--eventdispatcher.config-dir=/dev/null",
                        "--trace",
                        "--management.server.port=" + management));
        server.awaitLine("listening on " + LoopbackPorts.HOST.replace(".", "\\.") + ":" + port + " ", Daemons.START);

        List<DaemonProcess> clients = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            clients.add(Daemons.client(processes, "client-" + i, port, "--trace"));
        }
        for (DaemonProcess client : clients) {
            assertThat(client.awaitExit(Daemons.START))
                    .as(client + " exit status")
                    .isZero();
            assertThat(client.hasLine("-> BYE")).as(client + " heard BYE").isTrue();
        }
        assertThat(server.output()).filteredOn(line -> line.contains("-> MOM")).hasSize(3);
        String metrics = Management.get(management, "/actuator/prometheus");
        assertThat(metrics)
                .startsWith("200 ")
                .containsPattern("eventdispatcher_messages_received_total\\{command=\"MOM\",transport=\"tcp\"} 3\\.0")
                .containsPattern("eventdispatcher_messages_sent_total\\{command=\"BYE\",transport=\"tcp\"} 3\\.0")
                // the three clients', and no other
                .containsPattern("eventdispatcher_connections_opened_total\\{side=\"server\",transport=\"tcp\"} 3\\.0");

        assertThat(Daemons.signal(processes, "--server", "127.0.0.1:" + port, "--type", "tcp", "--message", "QUIT"))
                .as("signal-cli exit status")
                .isZero();
        assertThat(server.awaitExit(Duration.ofSeconds(30)))
                .as("server exit status")
                .isZero();
        await("port " + port + " freed").atMost(Duration.ofSeconds(10)).until(() -> LoopbackPorts.isFree(port));
    }

    @Test
    void aClientStartedBeforeTheServerWaitsForItAndCompletes() {
        int port = LoopbackPorts.free();
        int management = LoopbackPorts.free();
        DaemonProcess client =
                Daemons.client(processes, "early-client", port, "--management.server.port=" + management);
        // six failed attempts, as the client's health reports them: with the default pauses
        // (0.1, 0.25, 0.5, 0.75, 1 s...) the server comes up about three seconds after its first try
        await("client retried")
                .atMost(Daemons.START)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> attemptsSinceLastSuccess(management) >= 6);

        DaemonProcess server = Daemons.server(processes, port, LoopbackPorts.free());
        assertThat(client.awaitExit(Daemons.START)).as("client exit status").isZero();
        assertThat(server.isAlive()).isTrue();
    }

    private static int attemptsSinceLastSuccess(int managementPort) {
        Matcher attempts = Pattern.compile("\"attemptsSinceLastSuccess\":(\\d+)")
                .matcher(Management.get(managementPort, "/actuator/health/readiness"));
        return attempts.find() ? Integer.parseInt(attempts.group(1)) : 0;
    }
}
