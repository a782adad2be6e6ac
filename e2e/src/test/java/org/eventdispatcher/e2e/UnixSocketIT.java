package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server listening on TCP and on a Unix socket at once, a client on each and signal-cli
 * through the socket: the launchers as a user runs them (docs/PROTOCOL.md f.1).
 */
class UnixSocketIT {

    @RegisterExtension
    final Processes processes = new Processes();

    @TempDir
    Path dir;

    @Test
    void aClientOnEachTransportConversesAndSignalCliStopsTheServerThroughTheSocket() {
        Path socket = dir.resolve("server.sock");
        int port = LoopbackPorts.free();
        DaemonProcess server = processes.start(
                "server",
                Processes.SERVER,
                List.of(
                        "--listen",
                        LoopbackPorts.HOST + ":" + port + ", unix:" + socket,
                        "--log-rotate-listen",
                        LoopbackPorts.HOST + ":" + LoopbackPorts.free(),
                        "--management.server.port=" + LoopbackPorts.free(),
                        "--eventdispatcher.config-dir=/dev/null",
                        "--trace"));
        await("server listening on " + port + " and " + socket)
                .atMost(Daemons.START)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !server.isAlive() || LoopbackPorts.isListening(port) && Files.exists(socket));
        assertThat(server.isAlive()).as("server alive after its start").isTrue();

        DaemonProcess overSocket = processes.start(
                "unix-client",
                Processes.CLIENT,
                List.of(
                        "--server",
                        "unix:" + socket,
                        "--log-rotate-listen",
                        LoopbackPorts.HOST + ":0",
                        "--management.server.port=0",
                        "--eventdispatcher.config-dir=/dev/null",
                        "--trace"));
        DaemonProcess overTcp = Daemons.client(processes, "tcp-client", port, "--trace");
        for (DaemonProcess client : List.of(overSocket, overTcp)) {
            assertThat(client.awaitExit(Daemons.START))
                    .as(client + " exit status")
                    .isZero();
            assertThat(client.hasLine("-> BYE")).as(client + " heard BYE").isTrue();
        }
        // the peer over the socket is known by its credentials (SO_PEERCRED), the other by its address
        assertThat(server.hasLine("uid=0,gid=0,pid=\\d+@unix:" + Pattern.quote(socket.toString()) + " -> MOM"))
                .as("MOM traced from the Unix peer")
                .isTrue();
        assertThat(server.hasLine(Pattern.quote(LoopbackPorts.HOST) + ":\\d+ -> MOM"))
                .as("MOM traced from the TCP peer")
                .isTrue();

        assertThat(Daemons.signal(processes, "--server", "unix:" + socket, "--message", "QUIT"))
                .as("signal-cli exit status")
                .isZero();
        assertThat(server.awaitExit(Duration.ofSeconds(30)))
                .as("server exit status")
                .isZero();
        assertThat(socket).as("the socket file, after QUIT").doesNotExist();
    }
}
