package org.eventdispatcher.logrotate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** A real logback file appender writing one logger's messages, one per line, to a file. */
final class TestLogFile implements AutoCloseable {

    final Path path;
    final Logger logger;
    private final FileAppender<ILoggingEvent> appender;

    TestLogFile(Path path, String loggerName) {
        this(path, loggerName, new FileAppender<>());
    }

    TestLogFile(Path path, String loggerName, FileAppender<ILoggingEvent> appender) {
        this.path = path;
        this.appender = appender;
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setContext(context);
        appender.setName("test-file-" + loggerName);
        appender.setFile(path.toString());
        appender.setEncoder(encoder);
        appender.start();
        logger = context.getLogger(loggerName);
        logger.setAdditive(false);
        logger.addAppender(appender);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
