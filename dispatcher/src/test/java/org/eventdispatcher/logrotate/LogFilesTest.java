package org.eventdispatcher.logrotate;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eventdispatcher.dispatch.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

class LogFilesTest {

    private final LogFiles logFiles = new LogFiles();

    @Test
    void aRollingFileAppenderAsSpringBootConfiguresItIsReopenedToo(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("daemon.log");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(dir.resolve("daemon.log.%d{yyyy-MM-dd}.%i.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.start();
        appender.setRollingPolicy(policy);
        try (TestLogFile file = new TestLogFile(log, "rolling.test", appender)) {
            file.logger.info("before");
            Files.move(log, dir.resolve("daemon.log.old"));

            assertThat(logFiles.reopen()).contains(log.toString());
            file.logger.info("after");

            assertThat(Files.readAllLines(dir.resolve("daemon.log.old"))).containsExactly("before");
            assertThat(Files.readAllLines(log)).containsExactly("after");
        }
    }

    @Test
    void aFileBehindAnAsyncAppenderIsFound(@TempDir Path dir) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        try (TestLogFile file = new TestLogFile(dir.resolve("async.log"), "async.test")) {
            FileAppender<ILoggingEvent> inner =
                    (FileAppender<ILoggingEvent>) file.logger.getAppender("test-file-async.test");
            file.logger.detachAppender(inner);
            AsyncAppender async = new AsyncAppender();
            async.setContext(context);
            async.addAppender(inner);
            async.start();
            file.logger.addAppender(async);
            try {
                assertThat(LogFiles.fileAppenders(context)).contains(inner);
                assertThat(logFiles.reopen()).contains(dir.resolve("async.log").toString());
            } finally {
                file.logger.detachAppender(async);
                async.stop();
                file.logger.addAppender(inner);
            }
        }
    }

    @Test
    void aRotationWithoutARenameAppendsEvenWhereTheAppenderTruncatesAtStart(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("truncating.log");
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setAppend(false);
        try (TestLogFile file = new TestLogFile(log, "truncating.test", appender)) {
            file.logger.info("one");
            logFiles.reopen();
            file.logger.info("two");

            assertThat(Files.readAllLines(log)).containsExactly("one", "two");
            assertThat(appender.isAppend())
                    .as("the appender's own setting is kept")
                    .isFalse();
        }
    }

    @Test
    void aFileThatCannotBeReopenedKeepsTheOldOneAndSaysSo(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("blocked.log");
        try (TestLogFile file = new TestLogFile(log, "blocked.test");
                LogCapture logs = new LogCapture()) {
            file.logger.info("before");
            Files.move(log, dir.resolve("blocked.log.1"));
            Files.createDirectory(log); // a directory where the file should be: it cannot be opened

            assertThat(logFiles.reopen()).doesNotContain(log.toString());
            file.logger.info("after");

            assertThat(Files.readAllLines(dir.resolve("blocked.log.1"))).containsExactly("before", "after");
            assertThat(logs.count("could not reopen log file " + log)).isEqualTo(1);
        }
    }

    @Test
    void withoutLogbackNothingIsReopened() {
        LogFiles other = new LogFiles(name -> NOPLogger.NOP_LOGGER);
        assertThat(other.reopen()).isEmpty();
    }
}
