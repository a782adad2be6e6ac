package org.eventdispatcher.logrotate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eventdispatcher.daemon.DaemonReload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Reopens the log files on request ({@code LOG_ROTATE}), on a thread of its own and at most once
 * per interval. A request never waits for the files: it is handed over, and the caller (an event
 * loop that serves other peers, the UDP listener) goes on at once. Requests that come while a
 * reopen is due are merged into it and counted, not logged one by one, so that a peer sending a
 * thousand {@code LOG_ROTATE} makes one or two reopens and one or two log lines.
 *
 * <p>A request within the interval after a reopen is not dropped but put off to the interval's
 * end: logrotate may rename two files with a request after each, and the second rename must be
 * followed by a reopen too.
 */
public class LogRotation implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogRotation.class);

    /** At most one reopen per this. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private final LogFiles files;
    private final ApplicationEventPublisher events;
    private final TaskScheduler scheduler;
    private final Runnable shutdown;
    private final AtomicLong reopens = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();

    // guarded by this
    private Instant lastReopen;
    private boolean due;
    private String dueCommand;
    private String dueFrom;
    private long mergedIntoDue;

    /** Reopens on {@code scheduler}'s threads and reads its clock; the scheduler stays its owner's. */
    public LogRotation(LogFiles files, ApplicationEventPublisher events, TaskScheduler scheduler) {
        this(files, events, scheduler, () -> {});
    }

    private LogRotation(LogFiles files, ApplicationEventPublisher events, TaskScheduler scheduler, Runnable shutdown) {
        this.files = files;
        this.events = events;
        this.scheduler = scheduler;
        this.shutdown = shutdown;
    }

    /** With one thread of its own ({@code log-rotate}), idle but for the reopens; {@link #close} ends it. */
    public static LogRotation onItsOwnThread(LogFiles files, ApplicationEventPublisher events) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("log-rotate-");
        scheduler.setDaemon(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        return new LogRotation(files, events, scheduler, scheduler::shutdown);
    }

    /** SIGHUP, {@code systemctl reload}: the log files are reopened as for {@code LOG_ROTATE}. */
    @EventListener(DaemonReload.class)
    public void reload(DaemonReload reload) {
        request(reload.reason(), "the operator");
    }

    /**
     * Asks for the log files to be reopened; returns at once.
     *
     * @param command the command that asked ({@code LOG_ROTATE} or {@code LOG}), for the log
     * @param from    who asked ({@code host:port}), for the log and the {@link LogFilesReopened} event
     */
    public void request(String command, String from) {
        Instant at;
        synchronized (this) {
            if (due) {
                mergedIntoDue++;
                coalesced.incrementAndGet();
                return;
            }
            due = true;
            dueCommand = command;
            dueFrom = from;
            Instant now = scheduler.getClock().instant();
            Instant allowed = lastReopen == null ? now : lastReopen.plus(INTERVAL);
            // never more than the interval ahead: a wall clock set back must not put the reopen off for as long
            at = allowed.isAfter(now) ? earliest(allowed, now.plus(INTERVAL)) : now;
        }
        try {
            scheduler.schedule(this::reopen, at);
        } catch (TaskRejectedException stopping) {
            synchronized (this) {
                due = false;
            }
            log.debug("{} from {} not handled: the daemon is stopping", command, from);
        }
    }

    private static Instant earliest(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    private void reopen() {
        String command;
        String from;
        long merged;
        synchronized (this) {
            due = false;
            command = dueCommand;
            from = dueFrom;
            merged = mergedIntoDue;
            mergedIntoDue = 0;
            lastReopen = scheduler.getClock().instant();
        }
        List<String> reopened = files.reopen();
        reopens.incrementAndGet();
        log.info(
                "{} from {}: reopened {} log file(s) {}{}",
                command,
                from,
                reopened.size(),
                reopened,
                merged == 0 ? "" : " (" + merged + " more request(s) merged into this one)");
        events.publishEvent(new LogFilesReopened(reopened, from));
    }

    /** Reopens done since start. */
    public long reopens() {
        return reopens.get();
    }

    /** Requests merged into a reopen another one asked for: they caused none of their own. */
    public long coalesced() {
        return coalesced.get();
    }

    @Override
    public void close() {
        shutdown.run();
    }
}
