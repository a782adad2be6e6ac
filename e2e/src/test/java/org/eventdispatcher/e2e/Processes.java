package org.eventdispatcher.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the project's programs through their launchers, as a user runs them (each picks the
 * class-data archive made at package time, or the plain jar), and kills whatever is still running
 * when a test ends, passed or failed, so that no test leaves a daemon holding a port.
 */
final class Processes implements AfterEachCallback {

    static final Path ROOT =
            Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    static final Path SERVER = ROOT.resolve("server-service/server-service");
    static final Path CLIENT = ROOT.resolve("client-service/client-service");
    static final Path SIGNAL = ROOT.resolve("signal-cli/signal-cli");
    /** The jars the launchers run, for the tests that start them with plain {@code java -jar}. */
    static final Path SERVER_JAR = ROOT.resolve("server-service/target/server-service.jar");

    static final Path CLIENT_JAR = ROOT.resolve("client-service/target/client-service.jar");

    private final List<DaemonProcess> started = new ArrayList<>();

    /** @param program a launcher, or a jar to run with {@code java -jar} */
    DaemonProcess start(String name, Path program, List<String> args) {
        return start(name, program, args, List.of());
    }

    /** The same, with these JVM options too. */
    DaemonProcess start(String name, Path program, List<String> args, List<String> jvmOptions) {
        return start(name, List.of(), program, args, jvmOptions);
    }

    /** The same, run by {@code wrapper} (a command that execs the rest: {@link PrivateNetwork#wrapper()}). */
    synchronized DaemonProcess start(
            String name, List<String> wrapper, Path program, List<String> args, List<String> jvmOptions) {
        DaemonProcess process = DaemonProcess.start(name, wrapper, program, args, jvmOptions);
        started.add(process);
        return process;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<DaemonProcess> all;
        synchronized (this) {
            all = List.copyOf(started);
            started.clear();
        }
        all.forEach(DaemonProcess::close);
    }
}
