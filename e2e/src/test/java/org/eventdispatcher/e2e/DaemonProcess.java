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
 * One of the project's programs running as a child process, as a user would start it: through its
 * launcher (which {@code exec}s the JVM, so this process is the JVM), or a jar with
 * {@code java -jar}. Either way with the JVM that runs the tests. Its output is kept in memory (to
 * wait on log lines) and written to a log file under target/e2e-logs.
 */
final class DaemonProcess implements AutoCloseable {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    /** Smaller stacks and the first JIT tier only: many short-lived JVMs on two cores. */
    private static final List<String> JVM_OPTIONS = List.of("-Xss512k", "-XX:TieredStopAtLevel=1");

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

    /** Starts {@code <launcher> <args...>}, or {@code java -jar <jar> <args...>} for a jar. */
    static DaemonProcess start(String name, Path program, List<String> args) {
        return start(name, program, args, List.of());
    }

    /** The same, with these JVM options too (in {@code JAVA_OPTS} for a launcher). */
    static DaemonProcess start(String name, Path program, List<String> args, List<String> jvmOptions) {
        return start(name, List.of(), program, args, jvmOptions);
    }

    /**
     * The same, run by {@code wrapper} (a command that execs the rest of its command line, such as
     * {@code nsenter}), so that the process is still the JVM.
     */
    static DaemonProcess start(
            String name, List<String> wrapper, Path program, List<String> args, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(wrapper);
        boolean jar = program.getFileName().toString().endsWith(".jar");
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.addAll(jvmOptions);
        if (jar) {
            command.add(JAVA);
            command.addAll(options);
            command.add("-jar");
        }
        command.add(program.toString());
        command.addAll(args);
        try {
            Path logs = Path.of(System.getProperty("e2e.logs", "target/e2e-logs"));
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (!jar) {
                builder.environment().put("JAVA_HOME", javaHome());
                builder.environment().put("JAVA_OPTS", String.join(" ", options));
            }
            Process process = builder.start();
            return new DaemonProcess(name, process, logs.resolve(name + "-" + process.pid() + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The home of the JVM that runs the tests: {@code .../bin/java} without {@code /bin/java}. */
    static String javaHome() {
        return Path.of(JAVA).toAbsolutePath().getParent().getParent().toString();
    }

    /** The command line the process runs, as the kernel has it (the JVM's, once a launcher exec'd it). */
    List<String> commandLine() {
        try {
            String raw = Files.readString(Path.of("/proc/" + process.pid() + "/cmdline"), StandardCharsets.UTF_8);
            return List.of(raw.split("\0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pump(Path log) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
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
        await(name + " prints /" + regex + "/")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> lines.stream().anyMatch(l -> pattern.matcher(l).find()));
        return lines.stream().filter(l -> pattern.matcher(l).find()).findFirst().orElseThrow();
    }

    /** Waits for the process to end; returns its exit status. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        name + " still running after " + timeout + "; output:\n" + String.join("\n", lines));
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
