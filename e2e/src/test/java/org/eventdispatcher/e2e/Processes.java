package org.eventdispatcher.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the project's jars and kills whatever is still running when a test ends, passed or
 * failed, so that no test leaves a daemon holding a port.
 */
final class Processes implements AfterEachCallback {

    static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    static final Path SERVER_JAR = ROOT.resolve("server-service/target/server-service.jar");
    static final Path CLIENT_JAR = ROOT.resolve("client-service/target/client-service.jar");
    static final Path SIGNAL_JAR = ROOT.resolve("signal-cli/target/signal-cli.jar");

    private final List<DaemonProcess> started = new ArrayList<>();

    synchronized DaemonProcess start(String name, Path jar, List<String> args) {
        DaemonProcess process = DaemonProcess.start(name, jar, args);
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
