package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Any number of clients on one host, started together as a user's script would: every one holds its
 * conversation and exits 0, though they all ask for the same management and log-rotate ports (each
 * client but one falls back to a free port). They start every way a user can: through the launcher
 * with the context Spring AOT generated, through the launcher without it, and with {@code java -jar}.
 */
class ManyClientsAtOnceIT {

    private static final int CLIENTS = 20;
    /** Twenty JVMs starting at once on two cores. */
    private static final Duration ALL_DONE = Duration.ofMinutes(4);

    @RegisterExtension
    final Processes processes = new Processes();

    @Test
    void twentyClientsStartedTogetherAllFinishAndExitZero() {
        int port = LoopbackPorts.free();
        Daemons.server(processes, port, LoopbackPorts.free());
        int sharedManagementPort = LoopbackPorts.free();
        int sharedLogRotatePort = LoopbackPorts.free();

        List<DaemonProcess> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            List<String> args = List.of(
                    "--server",
                    LoopbackPorts.HOST + ":" + port,
                    "--log-rotate-listen",
                    LoopbackPorts.HOST + ":" + sharedLogRotatePort,
                    "--management.server.port=" + sharedManagementPort,
                    "--eventdispatcher.config-dir=/dev/null");
            clients.add(
                    switch (i % 3) {
                        case 0 -> processes.start("client-launcher-" + i, Processes.CLIENT, args);
                        case 1 ->
                            processes.start(
                                    "client-launcher-no-aot-" + i,
                                    Processes.CLIENT,
                                    args,
                                    List.of("-Dspring.aot.enabled=false"));
                        default -> processes.start("client-jar-" + i, Processes.CLIENT_JAR, args);
                    });
        }

        for (DaemonProcess client : clients) {
            int status = client.awaitExit(ALL_DONE);
            assertThat(status)
                    .as(client + " exit status; its output:\n" + String.join("\n", client.output()))
                    .isZero();
            assertThat(client.output()).as(client + " held the conversation").anyMatch(line -> line.contains("BYE"));
        }
        assertThat(clients)
                .as("one client had the management port, the others fell back")
                .anyMatch(client -> client.hasLine(
                        "management \\(HTTP\\) listening on 127\\.0\\.0\\.1:" + sharedManagementPort + "$"));
    }
}
