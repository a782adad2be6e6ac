package org.eventdispatcher.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eventdispatcher.signal.SignalCliRunner.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --verify-definitions DIR...}: upstream's verify-message-definitions, run as main would run it. */
class VerifyDefinitionsTest {

    private static final String NL = System.lineSeparator();

    @TempDir
    Path first;

    @TempDir
    Path second;

    private static Path write(Path directory, String file, String text) throws IOException {
        return Files.writeString(directory.resolve(file), text);
    }

    @Test
    void goodFilesAreCountedAndNothingIsSent() throws IOException {
        write(first, "ALIVE.conf", "[serial]\nflags = optional\n[timestamp]\ntype = timespec\nflags = optional\n");
        write(first, "HELP.conf", "# no parameters\n# vim: syntax=dosini\n");
        write(first, "INVALID.conf", "[command]\ndescro[topm = misspelt, as upstream's own\nflags = optional\n");
        write(second, "SET.conf", "[when]\ntype = timespec\n");

        Result result = SignalCliRunner.run("--verify-definitions", first.toString(), second.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("4 definition files read, 0 broken" + NL);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void everyBrokenFileIsNamedWithItsLineEvenOneAnEarlierDirectoryHides() throws IOException {
        write(first, "SET.conf", "[name]\n");
        Path typo = write(first, "GET.conf", "# the key\n[key]\ntype = float\n");
        Path hidden = write(second, "SET.conf", "[name]\nflags = required,mandatory\n");
        Path misnamed = write(second, "readme.conf", "");
        write(second, "NOTES.txt", "not a definition [\n");

        Result result = SignalCliRunner.run("--verify-definitions", first.toString(), second.toString());

        assertThat(result.exitCode())
                .isEqualTo(ExitCode.BROKEN_DEFINITIONS.code())
                .isEqualTo(5);
        assertThat(result.out()).isEqualTo("4 definition files read, 3 broken" + NL);
        assertThat(result.err())
                .isEqualTo(typo + ":3: [key]: parameter type \"float\" is not one of string, default, integer,"
                        + " address, timespec" + NL
                        + hidden + ":2: [name]: flag \"mandatory\" is not one of required, empty, forbidden,"
                        + " optional, defined, allowed" + NL
                        + misnamed + ": \"readme\" is not a command name (A-Z, 0-9 and _): not a definition file"
                        + " name" + NL
                        + "signal-cli: 3 of 4 definition files broken" + NL);
    }

    @Test
    void aSingleFileMayBeGiven() throws IOException {
        Path file = write(first, "SET.conf", "[name]\nflags = optional\n");

        Result result = SignalCliRunner.run("--verify-definitions", file.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("1 definition file read, 0 broken" + NL);
    }

    @Test
    void anEmptyDirectoryHasNothingBroken() {
        Result result = SignalCliRunner.run("--verify-definitions", first.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("0 definition files read, 0 broken" + NL);
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        Path missing = first.resolve("absent");

        Result result = SignalCliRunner.run("--verify-definitions", missing.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("signal-cli: --verify-definitions: " + missing + " is neither a directory nor a .conf file"
                        + NL);
    }

    @Test
    void aMessageAlongsideIsAUsageError() {
        Result result = SignalCliRunner.run("--message", "QUIT", "--verify-definitions", first.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err())
                .isEqualTo("signal-cli: --verify-definitions sends nothing: give it directories, and no message" + NL);
    }

    @Test
    void withoutADirectoryItIsAUsageError() {
        Result result = SignalCliRunner.run("--verify-definitions");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).startsWith("signal-cli: Missing required parameter for option '--verify-definitions'");
    }

    @Test
    void helpDescribesTheOptionAndItsExitCode() {
        Result result = SignalCliRunner.run("--help");

        assertThat(result.out())
                .contains("--verify-definitions=DIR...")
                .contains("  5   --verify-definitions: a message definition file is broken");
    }
}
