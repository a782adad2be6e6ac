package org.eventdispatcher.logrotate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Reopens every file logback writes to, so that after an external logrotate renamed a log file
 * the daemon writes to a new file at the configured path.
 *
 * <p>Each file appender gets a new stream through {@link FileAppender#openFile}, which swaps the
 * stream under the appender's own write lock: a line being written finishes in the old file, the
 * next starts in the new one, and no line is lost or split. Stopping and starting the appender
 * instead would drop every line logged in between. Files are always reopened for appending, so
 * that a {@code LOG_ROTATE} with no rename before it does not empty the current file.
 */
public class LogFiles {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(LogFiles.class);

    private final ILoggerFactory loggerFactory;

    public LogFiles() {
        this(LoggerFactory.getILoggerFactory());
    }

    LogFiles(ILoggerFactory loggerFactory) {
        this.loggerFactory = loggerFactory;
    }

    /** Reopens every file appender; returns the paths now open. One rotation at a time. */
    public synchronized List<String> reopen() {
        if (!(loggerFactory instanceof LoggerContext context)) {
            log.warn(
                    "log files not reopened: the logging backend is {}, not logback",
                    loggerFactory.getClass().getName());
            return List.of();
        }
        List<String> reopened = new ArrayList<>();
        for (FileAppender<ILoggingEvent> appender : fileAppenders(context)) {
            String file = appender.getFile();
            if (file == null || !appender.isStarted()) {
                continue;
            }
            try {
                reopen(appender, file);
                reopened.add(file);
            } catch (IOException | RuntimeException e) {
                // openFile keeps the old stream when the new one cannot be created: nothing is lost
                log.error(
                        "could not reopen log file {} (still writing to the file open before): {}", file, e.toString());
            }
        }
        return reopened;
    }

    private static void reopen(FileAppender<ILoggingEvent> appender, String file) throws IOException {
        boolean append = appender.isAppend();
        appender.setAppend(true);
        try {
            appender.openFile(file);
        } finally {
            appender.setAppend(append);
        }
    }

    /** Every file appender, also behind an async appender, each once. */
    static List<FileAppender<ILoggingEvent>> fileAppenders(LoggerContext context) {
        Set<Appender<ILoggingEvent>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<FileAppender<ILoggingEvent>> found = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            collect(logger.iteratorForAppenders(), seen, found);
        }
        return found;
    }

    private static void collect(
            Iterator<Appender<ILoggingEvent>> appenders,
            Set<Appender<ILoggingEvent>> seen,
            List<FileAppender<ILoggingEvent>> found) {
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> appender = appenders.next();
            if (!seen.add(appender)) {
                continue;
            }
            if (appender instanceof FileAppender<ILoggingEvent> file) {
                found.add(file);
            } else if (appender instanceof AppenderAttachable<?> holder) {
                @SuppressWarnings("unchecked")
                AppenderAttachable<ILoggingEvent> attached = (AppenderAttachable<ILoggingEvent>) holder;
                collect(attached.iteratorForAppenders(), seen, found);
            }
        }
    }
}
