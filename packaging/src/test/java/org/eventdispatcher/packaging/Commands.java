package org.eventdispatcher.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command of the machine (dpkg, lintian, sh) run to its end within a deadline, its output kept. */
final class Commands {

    private Commands() {}

    /** What a command did: its exit status and its output, stdout and stderr together. */
    record Result(List<String> command, int status, String output) {

        /** The output, when the command succeeded; a failure names the command and says what it printed. */
        String expectSuccess() {
            if (status != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + status + ":\n" + output);
            }
            return output;
        }
    }

    static Result run(Duration deadline, String... command) {
        return run(deadline, List.of(command));
    }

    /** Runs {@code command}; one still running at {@code deadline} is killed and reported as a failure. */
    static Result run(Duration deadline, List<String> command) {
        try {
            Path output = Files.createTempFile("packaging-command", ".out");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(String.join(" ", command) + " still running after " + deadline + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Result(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }
}
