package org.eventdispatcher.daemon;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ends the daemon on request ({@code QUIT}, {@code BYE}): closes the application context, which
 * stops the listeners and closes every connection, then exits the JVM with the given status.
 */
public class DaemonExit {

    private static final Logger log = LoggerFactory.getLogger(DaemonExit.class);

    private final ConfigurableApplicationContext context;
    private final IntConsumer jvmExit;
    private final AtomicBoolean exiting = new AtomicBoolean();

    /**
     * @param jvmExit what ends the process once the context is closed: {@code System::exit} in a
     *                daemon, nothing in a test that only checks the context stopped
     */
    public DaemonExit(ConfigurableApplicationContext context, IntConsumer jvmExit) {
        this.context = context;
        this.jvmExit = jvmExit;
    }

    /** Starts the exit once; later calls are ignored. Returns at once. */
    public void exit(int status, String reason) {
        if (!exiting.compareAndSet(false, true)) {
            return;
        }
        log.info("{}: stopping with exit status {}", reason, status);
        // not on the caller's thread: it is usually a connection thread that closing the context waits for
        Thread exit = new Thread(() -> jvmExit.accept(SpringApplication.exit(context, () -> status)), "daemon-exit");
        exit.setDaemon(false);
        exit.start();
    }

    public boolean isExiting() {
        return exiting.get();
    }
}
