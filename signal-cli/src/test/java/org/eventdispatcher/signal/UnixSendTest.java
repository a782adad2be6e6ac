package org.eventdispatcher.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import org.eventdispatcher.signal.SignalCliRunner.Result;
import org.eventdispatcher.testing.lines.ScriptedServer;
import org.eventdispatcher.testing.ports.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --server unix:/path}: the line protocol of {@code --type tcp} over a daemon's Unix socket. */
class UnixSendTest {

    @TempDir
    Path directory;

    @Test
    void sendsAliveAndPrintsTheAnswerSkippingTheGreeting() throws Exception {
        try (ScriptedServer daemon = ScriptedServer.startUnix(socket(), connection -> {
            connection.send("HI");
            connection.expect("<test_host:signal_cli ALIVE");
            connection.send("ABSOLUTELY");
            connection.expectClosedByClient();
        })) {
            Result result = SignalCliRunner.run("--server", daemon.address(), "--reply", "ALIVE");

            assertThat(result.err()).isEmpty();
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).isEqualTo("ABSOLUTELY" + System.lineSeparator());
            await().until(daemon::finished);
            assertThat(daemon.failures).isEmpty();
        }
    }

    @Test
    void withoutReplyItHalfClosesAndExitsOnceTheDaemonCloses() throws Exception {
        try (ScriptedServer daemon = ScriptedServer.startUnix(socket(), connection -> {
            connection.send("HI");
            connection.expect("<test_host:signal_cli QUIT");
            connection.expectClosedByClient(); // our half-close: the daemon then closes
            connection.close();
        })) {
            Result result = SignalCliRunner.run("--server", daemon.address(), "--trace", "QUIT");

            assertThat(result.exitCode()).isZero();
            assertThat(result.err()).contains(daemon.address() + " closed the connection");
            await().until(daemon::finished);
            assertThat(daemon.failures).isEmpty();
        }
    }

    @Test
    void aMissingSocketIsNotDeliveredAsARefusedTcpConnectionIs() throws IOException {
        String missing = "unix:" + socket();
        Result unix = SignalCliRunner.run("--server", missing, "QUIT");
        Result tcp = SignalCliRunner.run("--server", "127.0.0.1:" + FreePorts.tcp(), "QUIT");

        assertThat(unix.exitCode()).isEqualTo(tcp.exitCode()).isEqualTo(ExitCode.NOT_DELIVERED.code());
        assertThat(unix.err())
                .isEqualTo("signal-cli: cannot connect to " + missing + ": connection refused: no socket file"
                        + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "amqp"})
    void aUnixSocketWithAnotherTypeIsAUsageError(String type) {
        Result result =
                SignalCliRunner.run("--server", "unix:/run/eventdispatcher/server.sock", "--type", type, "QUIT");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err())
                .startsWith("signal-cli: --server unix:/run/eventdispatcher/server.sock is a Unix stream socket: it"
                        + " takes --type tcp");
    }

    @Test
    void tlsOverAUnixSocketIsAUsageError() {
        Result result = SignalCliRunner.run("--server", "unix:/run/eventdispatcher/server.sock", "--encrypt", "QUIT");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).startsWith("signal-cli: --encrypt works over TCP to a host");
    }

    @Test
    void aRelativeSocketPathIsAUsageError() {
        Result result = SignalCliRunner.run("--server", "unix:server.sock", "QUIT");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("is not absolute");
    }

    private Path socket() throws IOException {
        return directory.resolve("daemon.sock");
    }
}
