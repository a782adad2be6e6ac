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

    static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    static final Path SERVER = ROOT.resolve("server-service/server-service");
    static final Path CLIENT = ROOT.resolve("client-service/client-service");
    static final Path SIGNAL = ROOT.resolve("signal-cli/signal-cli");
    /** The jar a launcher runs, for the one test that starts it with plain {@code java -jar}. */
    static final Path SERVER_JAR = ROOT.resolve("server-service/target/server-service.jar");

    private final List<DaemonProcess> started = new ArrayList<>();

    /** @param program a launcher, or a jar to run with {@code java -jar} */
    synchronized DaemonProcess start(String name, Path program, List<String> args) {
        DaemonProcess process = DaemonProcess.start(name, program, args);
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
