package org.eventdispatcher.logrotate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.EventListener;

/** Collects {@link LogFilesReopened} events so that a test can wait for a rotation. */
public class ReopenedEvents {

    private final BlockingQueue<LogFilesReopened> events = new LinkedBlockingQueue<>();

    @EventListener
    void on(LogFilesReopened event) {
        events.add(event);
    }

    LogFilesReopened next() throws InterruptedException {
        LogFilesReopened event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("a LOG_ROTATE handled within 10 s").isNotNull();
        return event;
    }

    int pending() {
        return events.size();
    }
}
