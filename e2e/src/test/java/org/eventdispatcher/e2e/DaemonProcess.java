package org.eventdispatcher.e2e;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One packaged jar running as a child process, as a user would start it. Its output is kept in
 * memory (to wait on log lines) and written to a log file under target/e2e-logs.
 */
final class DaemonProcess implements AutoCloseable {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private DaemonProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.pump = new Thread(() -> pump(log), "output-" + name);
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /** Starts {@code java -jar <jar> <args...>}. */
    static DaemonProcess start(String name, Path jar, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.add("-Xss512k");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        try {
            Path logs = Path.of(System.getProperty("e2e.logs", "target/e2e-logs"));
            Files.createDirectories(logs);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new DaemonProcess(name, process, logs.resolve(name + "-" + process.pid() + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private void pump(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            lines.add("(output lost: " + e + ")");
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    List<String> output() {
        return List.copyOf(lines);
    }

    boolean hasLine(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return lines.stream().anyMatch(l -> pattern.matcher(l).find());
    }

    /** Waits for an output line matching {@code regex} (found anywhere in the line). */
    String awaitLine(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        await(name + " prints /" + regex + "/").atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> lines.stream().anyMatch(l -> pattern.matcher(l).find()));
        return lines.stream().filter(l -> pattern.matcher(l).find()).findFirst().orElseThrow();
    }

    /** Waits for the process to end; returns its exit status. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + timeout + "; output:\n"
                        + String.join("\n", lines));
            }
            pump.join(timeout.toMillis());
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL. */
    void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
