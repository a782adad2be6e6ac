package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exit statuses README's table and PROTOCOL.md promise, read from the processes themselves. */
class ExitCodesIT {

    private static final Duration EXIT = Duration.ofSeconds(60);

    @RegisterExtension
    final Processes processes = new Processes();

    @ParameterizedTest
    @ValueSource(strings = {"--help", "--version"})
    void helpAndVersionExitZeroForBothDaemons(String option) {
        for (Path daemon : List.of(Processes.SERVER, Processes.CLIENT)) {
            DaemonProcess process = processes.start(daemon.getFileName() + option, daemon, List.of(option));
            assertThat(process.awaitExit(EXIT))
                    .as(process + " " + option + "; output:\n" + String.join("\n", process.output()))
                    .isZero();
            assertThat(process.output())
                    .as("it printed its " + option)
                    .anyMatch(
                            line -> line.startsWith(option.equals("--help") ? "Usage: " : daemon.getFileName() + " "));
        }
    }

    @Test
    void aServerWhoseAddressIsTakenExitsOneNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LoopbackPorts.HOST))) {
            String address = LoopbackPorts.HOST + ":" + taken.getLocalPort();
            DaemonProcess server = processes.start(
                    "server-taken",
                    Processes.SERVER,
                    List.of(
                            "--listen",
                            address,
                            "--log-rotate-listen",
                            LoopbackPorts.HOST + ":0",
                            "--management.server.port=0",
                            "--eventdispatcher.config-dir=/dev/null"));

            assertThat(server.awaitExit(Daemons.START)).as("exit status").isEqualTo(1);
            assertThat(server.output())
                    .as("the message names the address taken")
                    .anyMatch(line -> line.contains("cannot listen on " + address + ": Address already in use"));
        }
    }

    @Test
    void aServerStoppedBySigtermExitsWith143() {
        DaemonProcess server = Daemons.server(processes, LoopbackPorts.free(), LoopbackPorts.free());
        server.terminate();
        assertThat(server.awaitExit(EXIT)).as("exit status after SIGTERM").isEqualTo(143);
    }

    @Test
    void aClientStoppedBySigtermExitsWith143() {
        // no server: the client waits, reconnecting, until stopped
        DaemonProcess client = Daemons.client(processes, "client-sigterm", LoopbackPorts.free());
        client.awaitLine("management \\(HTTP\\) listening on", Daemons.START); // started
        client.terminate();
        assertThat(client.awaitExit(EXIT)).as("exit status after SIGTERM").isEqualTo(143);
    }

    @Test
    void aServerStoppedByQuitWithClientsStillConnectedExitsZero() throws Exception {
        int port = LoopbackPorts.free();
        DaemonProcess server = Daemons.server(processes, port, LoopbackPorts.free());
        try (LineClient first = new LineClient(port);
                LineClient second = new LineClient(port)) {
            for (LineClient client : List.of(first, second)) {
                assertThat(client.readLine()).as("the server's greeting").isEqualTo("HI");
                assertThat(client.ask("ALIVE serial=1")).endsWith("serial=1");
            }

            assertThat(Daemons.signal(
                            processes,
                            "--server",
                            LoopbackPorts.HOST + ":" + port,
                            "--type",
                            "tcp",
                            "--message",
                            "QUIT"))
                    .as("signal-cli exit status")
                    .isZero();

            assertThat(server.awaitExit(EXIT)).as("exit status after QUIT").isZero();
            assertThat(first.closedByPeer())
                    .as("the first client's connection closed")
                    .isTrue();
            assertThat(second.closedByPeer()).as("the second's").isTrue();
        }
    }
}
