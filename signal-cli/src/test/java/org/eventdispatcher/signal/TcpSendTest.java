package org.eventdispatcher.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.eventdispatcher.signal.ScriptedTcpDaemon.AfterLine;
import org.eventdispatcher.signal.SignalCliRunner.Result;
import org.eventdispatcher.testing.ports.FreePorts;
import org.junit.jupiter.api.Test;

class TcpSendTest {

    @Test
    void sendsTheLineSignedWithTheSenderAndExitsWhenTheDaemonCloses() throws Exception {
        try (ScriptedTcpDaemon daemon = ScriptedTcpDaemon.closingAfterLine()) {
            Result result = SignalCliRunner.run("--server", daemon.address(), "--type", "tcp", "--message", "QUIT");

            assertThat(result.exitCode()).isZero();
            assertThat(result.err()).isEmpty();
            assertThat(result.out()).isEmpty();
            assertThat(daemon.nextReceived()).isEqualTo("<test_host:signal_cli QUIT\n");
        }
    }

    @Test
    void takesTheMessageAsArgumentAndTcpByDefault() throws Exception {
        try (ScriptedTcpDaemon daemon = ScriptedTcpDaemon.scripted(true, null, AfterLine.CLOSE_AFTER_PEER)) {
            Result result = SignalCliRunner.run("-H", daemon.address(), "QUIT");

            assertThat(result.exitCode()).isZero();
            // the whole connection: our line, then the half-close that lets the daemon close
            assertThat(daemon.nextReceived()).isEqualTo("<test_host:signal_cli QUIT\n");
        }
    }

    @Test
    void addsParametersTheSecretAndTheDestination() throws Exception {
        try (ScriptedTcpDaemon daemon = ScriptedTcpDaemon.closingAfterLine()) {
            Result result = SignalCliRunner.run(
                    "--server",
                    daemon.address(),
                    "--message",
                    "STATUS a=from_text;z=9",
                    "-p",
                    "a=from_param",
                    "--param",
                    "empty",
                    "-p",
                    "eq=x=y",
                    "--secret-code",
                    "S",
                    "--to-server",
                    "jungle",
                    "--to-service",
                    "server");

            assertThat(result.exitCode()).isZero();
            assertThat(daemon.nextReceived())
                    .isEqualTo(
                            "<test_host:signal_cli jungle:server/STATUS a=from_param;empty=;eq=x=y;secret_code=S;z=9\n");
        }
    }

    @Test
    void keepsASenderWrittenInTheMessage() throws Exception {
        try (ScriptedTcpDaemon daemon = ScriptedTcpDaemon.closingAfterLine()) {
            Result result = SignalCliRunner.run("--server", daemon.address(), "<backup:cron server/LOG_ROTATE");

            assertThat(result.exitCode()).isZero();
            assertThat(daemon.nextReceived()).isEqualTo("<backup:cron server/LOG_ROTATE\n");
        }
    }

    @Test
    void printsTheAnswerSkippingTheGreeting() throws Exception {
        try (ScriptedTcpDaemon daemon = ScriptedTcpDaemon.scripted(
                true, "test_host:signal_cli/COMMANDS list=DAD,HELP,QUIT", AfterLine.CLOSE_AFTER_PEER)) {
            Result result = SignalCliRunner.run("--server", daemon.address(), "--reply", "HELP");

            assertThat(result.exitCode()).isZero();
            assertThat(result.out())
                    .isEqualTo("test_host:signal_cli/COMMANDS list=DAD,HELP,QUIT" + System.lineSeparator());
            assertThat(result.err()).isEmpty();
            assertThat(daemon.nextReceived()).isEqualTo("<test_host:signal_cli HELP\n");
        }
    }

    @Test
    void printsTheFirstLineWhenTheDaemonDoesNotGreet() throws Exception {
        try (ScriptedTcpDaemon daemon =
                ScriptedTcpDaemon.scripted(false, "ABSOLUTELY serial=7", AfterLine.CLOSE_AFTER_PEER)) {
            Result result = SignalCliRunner.run("--server", daemon.address(), "--reply=3s", "-p", "serial=7", "ALIVE");

            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).isEqualTo("ABSOLUTELY serial=7" + System.lineSeparator());
        }
    }

    @Test
    void answerTimeoutHasItsOwnExitCode() throws Exception {
        try (ScriptedTcpDaemon daemon = ScriptedTcpDaemon.scripted(true, null, AfterLine.CLOSE_AFTER_PEER)) {
            Result result = SignalCliRunner.run("--server", daemon.address(), "--reply=300ms", "HELP");

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.out()).isEmpty();
            assertThat(result.err())
                    .isEqualTo("signal-cli: no answer to HELP from " + daemon.address() + " within 300 ms"
                            + System.lineSeparator());
            assertThat(daemon.nextReceived()).isEqualTo("<test_host:signal_cli HELP\n");
        }
    }

    @Test
    void daemonClosingWithoutAnAnswerIsNoReply() throws Exception {
        try (ScriptedTcpDaemon daemon = ScriptedTcpDaemon.closingAfterLine()) {
            Result result = SignalCliRunner.run("--server", daemon.address(), "--reply", "QUIT");

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.err()).contains(daemon.address() + " closed the connection without answering QUIT");
        }
    }

    @Test
    void withoutReplyADaemonThatKeepsTheConnectionOpenIsLeftAfterTheSettleTime() throws Exception {
        try (ScriptedTcpDaemon daemon = ScriptedTcpDaemon.scripted(true, null, AfterLine.HOLD_OPEN)) {
            Result result = SignalCliRunner.run("--server", daemon.address(), "--trace", "LOG_ROTATE");

            assertThat(result.exitCode()).isZero();
            assertThat(result.err()).contains("still open after 2 s; closing");
            assertThat(daemon.nextReceived()).isEqualTo("<test_host:signal_cli LOG_ROTATE\n");
        }
    }

    @Test
    void refusedConnectionNamesTheAddress() throws IOException {
        int closedPort = FreePorts.tcp();
        Result result = SignalCliRunner.run("--server", "127.0.0.1:" + closedPort, "QUIT");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("signal-cli: cannot connect to 127.0.0.1:" + closedPort + " over TCP: connection refused"
                        + System.lineSeparator());
    }

    @Test
    void traceAddsTheStepsAndTheStackTrace() throws IOException {
        int closedPort = FreePorts.tcp();
        Result result = SignalCliRunner.run("--server", "127.0.0.1:" + closedPort, "--trace", "QUIT");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("signal-cli: connecting to 127.0.0.1:" + closedPort + " over TCP")
                .contains("signal-cli: cannot connect to 127.0.0.1:" + closedPort + " over TCP: connection refused")
                .contains("Caused by: java.net.ConnectException");
    }

    @Test
    void invalidMessageOpensNoConnection() throws Exception {
        try (ScriptedTcpDaemon daemon = ScriptedTcpDaemon.closingAfterLine()) {
            Result result = SignalCliRunner.run("--server", daemon.address(), "QUIT a=1;b");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err())
                    .isEqualTo("signal-cli: invalid message \"QUIT a=1;b\": MISSING_EQUAL: parameter \"b\""
                            + " has no '=' and no value (at column 11)" + System.lineSeparator());
            assertThat(daemon.noConnectionBeforeProbe()).isTrue();
        }
    }

    @Test
    void commandBreakingTheNameRulesOpensNoConnection() throws Exception {
        try (ScriptedTcpDaemon daemon = ScriptedTcpDaemon.closingAfterLine()) {
            // the parser takes "quit" as upstream does; the name rules of the builder refuse it
            Result result = SignalCliRunner.run("--server", daemon.address(), "quit");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("signal-cli: invalid message \"quit\": invalid command \"quit\"");
            assertThat(daemon.noConnectionBeforeProbe()).isTrue();
        }
    }
}
