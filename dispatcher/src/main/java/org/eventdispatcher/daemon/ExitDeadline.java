package org.eventdispatcher.daemon;

import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * Bounds how long a daemon takes to end: if the orderly stop is not over by the deadline, the
 * process is halted with the status it was asked to exit with. Closing thousands of connections,
 * or a shutdown hook that hangs, must not keep a daemon alive after {@code QUIT}.
 */
public final class ExitDeadline {

    private static final Logger log = LoggerFactory.getLogger(ExitDeadline.class);

    // the daemons log through logback, but a library user may have swapped it out
    private static final boolean LOGBACK =
            ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", ExitDeadline.class.getClassLoader());

    private final Duration deadline;
    private final IntConsumer halt;

    /**
     * The daemon's deadline: flushes the logs, then halts the JVM.
     *
     * @param deadline how long the orderly stop may take; positive
     */
    public static ExitDeadline haltingTheJvm(Duration deadline) {
        return new ExitDeadline(deadline, status -> {
            stopLogging();
            Runtime.getRuntime().halt(status);
        });
    }

    /**
     * @param deadline how long the orderly stop may take; positive
     * @param halt     what ends the process at once, running no shutdown hook; see
     *                 {@link #haltingTheJvm(Duration)}
     */
    public ExitDeadline(Duration deadline, IntConsumer halt) {
        if (deadline.toMillis() <= 0) {
            throw new IllegalArgumentException("the exit deadline must be positive, not " + deadline);
        }
        this.deadline = deadline;
        this.halt = halt;
    }

    /**
     * Starts the clock; returns at once. Nothing waits on a thread of its own: the timeout runs on
     * the JDK's daemon timer thread ({@link CompletableFuture#completeOnTimeout}), which does not
     * keep the JVM alive.
     *
     * @param status  the exit status to halt with
     * @param stopped completes normally once the orderly stop is over; failing counts as not over
     * @return completes {@code false} when {@code stopped} came in time, {@code true} once the
     *         process was halted instead
     */
    public CompletableFuture<Boolean> watch(int status, CompletionStage<?> stopped) {
        CompletableFuture<Boolean> inTime = new CompletableFuture<>();
        stopped.thenRun(() -> inTime.complete(true));
        return inTime.completeOnTimeout(false, deadline.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(stoppedInTime -> {
                    if (!stoppedInTime) {
                        endNow(status);
                    }
                    return !stoppedInTime;
                });
    }

    private void endNow(int status) {
        log.warn(
                "Stopping took longer than the exit deadline of {} ms (eventdispatcher.daemon.exit-deadline);"
                        + " ending the process now with exit status {}",
                deadline.toMillis(),
                status);
        halt.accept(status);
    }

    /** Halting runs no shutdown hook, logback's included: stopping it flushes and closes the log files. */
    private static void stopLogging() {
        if (LOGBACK && LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.stop();
        }
    }

    @Override
    public String toString() {
        return "ExitDeadline[" + deadline.toMillis() + " ms]";
    }
}
