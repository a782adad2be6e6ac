package org.eventdispatcher.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.eventdispatcher.signal.SignalCliRunner.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Option parsing and exit codes; nothing here reaches the network (every case fails first). */
class CommandLineTest {

    private static final String NL = System.lineSeparator();

    @Test
    void helpListsTheOptionsAndTheExitCodes() {
        Result result = SignalCliRunner.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .contains("Usage: signal-cli")
                .contains(
                        "--server=host:port",
                        "--host",
                        "-H",
                        "--type=tcp|udp",
                        "--message=message",
                        "[MESSAGE]",
                        "--param=name[=value]",
                        "--secret",
                        "--secret-code",
                        "--to-server",
                        "--to-service",
                        "--reply[=timeout]",
                        "--trace",
                        "--version")
                .contains("(default: 127.0.0.1:3001)", "(default: tcp)")
                .contains("Exit codes:")
                .contains(
                        "  0   the message was sent",
                        "  1   bad command line or invalid message",
                        "  2   cannot resolve, connect to or send",
                        "  3   --reply: no answer",
                        "  4   unexpected internal error");
    }

    @Test
    void shortHelpAndVersion() {
        assertThat(SignalCliRunner.run("-h").exitCode()).isZero();
        Result version = SignalCliRunner.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("signal-cli ").contains("Java ");
        assertThat(SignalCliRunner.run("-V").out()).isEqualTo(version.out());
    }

    @Test
    void unknownOptionIsOneLineOnStderr() {
        Result result = SignalCliRunner.run("--bogus", "QUIT");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("signal-cli: Unknown option: '--bogus' (see signal-cli --help)" + NL);
    }

    @Test
    void badTypeIsAUsageError() {
        Result result = SignalCliRunner.run("--type", "sctp", "QUIT");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("signal-cli: invalid --type \"sctp\": use tcp, udp or amqp" + NL);
    }

    @Test
    void missingMessageIsAUsageError() {
        Result result = SignalCliRunner.run("--server", "127.0.0.1:1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("signal-cli: no message: give it with --message or as the argument");
    }

    @Test
    void twoMessagesAreAUsageError() {
        Result result = SignalCliRunner.run("--message", "QUIT", "STOP");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("two messages given: \"QUIT\" with --message and \"STOP\" as argument");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--server=127.0.0.1:http | \"127.0.0.1:http\" is not a host[:port] address: the port \"http\" is not a number",
                "--server=127.0.0.1:70000 | \"127.0.0.1:70000\" is not a host[:port] address: port 70000 is not between 0 and 65535",
                "--reply=5x | invalid --reply: \"5x\" is not a duration",
                "--reply=0 | invalid --reply: the duration \"0\" must be longer than 0",
                "--param=bad-name | invalid --param \"bad-name\": invalid parameter name \"bad-name\"",
                "--to-server=jungle | the destination server \"jungle\" needs a destination service",
                "--to-service=bad.name | invalid message \"QUIT\": invalid service name \"bad.name\"",
            })
    void badValuesAreUsageErrorsNamingTheValue(String option, String error) {
        Result result = SignalCliRunner.run(option, "QUIT");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("signal-cli: " + error);
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void destinationGivenTwiceIsAUsageError() {
        Result result = SignalCliRunner.run("--to-service", "client", "server/QUIT");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("signal-cli: the destination service is given twice: \"server\" in the"
                        + " message and \"client\" with --to-service" + NL);
    }

    @Test
    void replyWithoutValueLeavesTheNextArgumentToTheMessage() {
        // over UDP, so that the run stops at the usage error after the options were read
        Result result = SignalCliRunner.run("--reply", "HELP", "--type", "udp");

        assertThat(result.err()).contains("--reply works over TCP and amqp only");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--type=amqp --server=10.0.0.1:3001 | --server is for tcp and udp: over the broker the message names its daemon",
                "--type=udp --broker=amqp://broker/ | --broker and --exchange go with --type amqp",
                "--exchange=other | --broker and --exchange go with --type amqp",
            })
    void anOptionThatDoesNotApplyToTheTransportIsAUsageErrorNotIgnored(String options, String error) {
        String[] arguments = (options + " beta:server_service/QUIT").split(" ");
        Result result = SignalCliRunner.run(arguments);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("signal-cli: " + error);
    }
}
