package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemons as packaged, with no address option at all: the server on 127.0.0.1:3001, and
 * clients started together on one host, each of which must hold its conversation and exit 0 though
 * they all ask for the same management (3013) and log-rotate (3003) ports: one takes each, the
 * others fall back to a free port. The daemons run in a network namespace of the test's own, so
 * that the default ports are free whatever runs on the host, and with a temporary directory of
 * their own (where the management port's lock lives), as on a fresh host.
 */
class PackagedDefaultsIT {

    /** Twenty JVMs starting at once on two cores. */
    private static final Duration ALL_DONE = Duration.ofMinutes(4);

    @RegisterExtension
    final Processes processes = new Processes();

    @TempDir
    Path tmp;

    @Test
    void theServerOnItsDefaultsServesTwoThenTwentyClientsOnTheirDefaults() throws Exception {
        assumeTrue(PrivateNetwork.available(), "needs root, unshare, nsenter and ip for a network namespace");
        try (PrivateNetwork network = PrivateNetwork.open()) {
            List<String> jvmOptions = List.of("-Djava.io.tmpdir=" + tmp);
            DaemonProcess server = processes.start(
                    "server-defaults",
                    network.wrapper(),
                    Processes.SERVER,
                    List.of("--eventdispatcher.config-dir=/dev/null"),
                    jvmOptions);
            server.awaitLine("listening on 127\\.0\\.0\\.1:3001 ", Daemons.START);
            assertThat(server.hasLine("listening for LOG_ROTATE on udp 127\\.0\\.0\\.1:3002$"))
                    .as("the server's log-rotate listener on its default port")
                    .isTrue();

            clientsTogether(network, "two", 2, jvmOptions);
            clientsTogether(network, "twenty", 20, jvmOptions);

            assertThat(server.isAlive()).as("the server served them all").isTrue();
        }
    }

    /** Starts {@code count} clients at once, with no option but the configuration directory; all must finish. */
    private void clientsTogether(PrivateNetwork network, String batch, int count, List<String> jvmOptions)
            throws IOException {
        Files.createDirectories(tmp);
        List<DaemonProcess> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(processes.start(
                    "client-defaults-" + batch + "-" + i,
                    network.wrapper(),
                    Processes.CLIENT,
                    List.of("--eventdispatcher.config-dir=/dev/null"),
                    jvmOptions));
        }
        for (DaemonProcess client : clients) {
            int status = client.awaitExit(ALL_DONE);
            assertThat(status)
                    .as(client + " exit status; its output:\n" + String.join("\n", client.output()))
                    .isZero();
            assertThat(client.output()).as(client + " held the conversation").anyMatch(line -> line.contains("BYE"));
        }
        assertThat(clients.stream()
                        .filter(client -> client.hasLine("management \\(HTTP\\) listening on 127\\.0\\.0\\.1:3013$")))
                .as(
                        "of the %s clients, one had the management port 3013 (the others fell back, as the exit statuses show)",
                        batch)
                .isNotEmpty();
        assertThat(clients.stream()
                        .filter(client -> client.hasLine("listening for LOG_ROTATE on udp 127\\.0\\.0\\.1:3003$")))
                .as("of the %s clients, one had the log-rotate port 3003", batch)
                .isNotEmpty();
    }
}
