package org.eventdispatcher.daemon;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ends the daemon on request ({@code QUIT}, {@code BYE}): closes the application context, which
 * stops the listeners and closes every connection, then exits the JVM with the given status. With
 * an {@link ExitDeadline}, a stop that takes too long is cut short by halting the process.
 */
public class DaemonExit {

    private static final Logger log = LoggerFactory.getLogger(DaemonExit.class);

    private final ConfigurableApplicationContext context;
    private final IntConsumer jvmExit;
    private final @Nullable ExitDeadline deadline;
    private final AtomicBoolean exiting = new AtomicBoolean();
    private volatile CompletableFuture<Boolean> deadlineOutcome = CompletableFuture.completedFuture(false);

    /**
     * Without a deadline: for a daemon run inside a test's JVM, which must not be halted.
     *
     * @param jvmExit what ends the process once the context is closed: {@code System::exit} in a
     *                daemon, nothing in a test that only checks the context stopped
     */
    public DaemonExit(ConfigurableApplicationContext context, IntConsumer jvmExit) {
        this(context, jvmExit, null);
    }

    /**
     * @param jvmExit  as above
     * @param deadline how long closing the context and {@code jvmExit} may take together before
     *                 the process is halted; {@code null}: as long as they take
     */
    public DaemonExit(ConfigurableApplicationContext context, IntConsumer jvmExit, @Nullable ExitDeadline deadline) {
        this.context = context;
        this.jvmExit = jvmExit;
        this.deadline = deadline;
    }

    /** Starts the exit once; later calls are ignored. Returns at once. */
    public void exit(int status, String reason) {
        if (!exiting.compareAndSet(false, true)) {
            return;
        }
        log.info("{}: stopping with exit status {}", reason, status);
        // completed only once jvmExit returns: System.exit runs the shutdown hooks, which the deadline covers too
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        if (deadline != null) {
            deadlineOutcome = deadline.watch(status, stopped);
        }
        // not on the caller's thread: it is usually a connection thread that closing the context waits for
        Thread exit = new Thread(
                () -> {
                    jvmExit.accept(SpringApplication.exit(context, () -> status));
                    stopped.complete(null);
                },
                "daemon-exit");
        exit.setDaemon(false);
        exit.start();
    }

    public boolean isExiting() {
        return exiting.get();
    }

    /**
     * Completes {@code false} once the exit finished within the deadline (at once without a
     * deadline, or before {@link #exit}), {@code true} once the deadline halted the process.
     */
    CompletableFuture<Boolean> deadlineOutcome() {
        return deadlineOutcome;
    }
}
