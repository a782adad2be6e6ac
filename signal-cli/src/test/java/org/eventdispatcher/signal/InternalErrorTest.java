package org.eventdispatcher.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.eventdispatcher.signal.SignalCliRunner.Result;
import org.junit.jupiter.api.Test;

/**
 * Exit 4, an unexpected internal error (PROTOCOL.md f.3): said on one line, the stack trace only
 * with {@code --trace}. No command line typed in a shell reaches it that we know of; a path with a
 * NUL character, which only a caller in the same JVM can pass (a process's arguments end at a NUL),
 * fails deep in the JDK where nothing expects a failure.
 */
class InternalErrorTest {

    private static final String NO_SUCH_PATH = "definitions\0";

    @Test
    void anUnexpectedFailureExitsFourSayingWhatOnOneLine() {
        Result result = SignalCliRunner.run("--verify-definitions", NO_SUCH_PATH);

        assertThat(result.exitCode()).isEqualTo(ExitCode.INTERNAL.code()).isEqualTo(4);
        assertThat(result.err())
                .startsWith("signal-cli: internal error: java.nio.file.InvalidPathException")
                .doesNotContain("\tat ");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void withTraceTheStackTraceFollows() {
        Result result = SignalCliRunner.run("--trace", "--verify-definitions", NO_SUCH_PATH);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err())
                .startsWith("signal-cli: internal error: java.nio.file.InvalidPathException")
                .contains("\tat java.base/");
    }

    @Test
    void aReplyTimeoutTooLongForItsNanosecondsIsABadCommandLine() {
        // 2^63 ns: read into a long it wrapped to a negative timeout, and the send went on
        Result result = SignalCliRunner.run("--server", "127.0.0.1:1", "--reply", "9223372036.854775808", "PING");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("invalid --reply").contains("longer than 100 years");
    }
}
