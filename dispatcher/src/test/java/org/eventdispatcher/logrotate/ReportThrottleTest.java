package org.eventdispatcher.logrotate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ReportThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final ReportThrottle throttle = new ReportThrottle(Duration.ofMinutes(1), now::get);

    @Test
    void eachProblemIsReportedOncePerInterval() {
        assertThat(throttle.firstReport("invalid-line")).isTrue();
        assertThat(throttle.firstReport("invalid-line")).isFalse();
        assertThat(throttle.firstReport("unknown")).as("another problem has its own interval").isTrue();

        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(throttle.firstReport("invalid-line")).isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(throttle.firstReport("invalid-line")).isTrue();
        assertThat(throttle.firstReport("invalid-line")).isFalse();
    }

    @Test
    void whatWasNotLoggedIsCountedInTheNextReport() {
        try (LogCapture logs = new LogCapture()) {
            throttle.firstReport("invalid-line");
            for (int i = 0; i < 41; i++) {
                throttle.firstReport("invalid-line");
            }
            now.addAndGet(Duration.ofMinutes(1).toNanos());
            throttle.firstReport("invalid-line");

            assertThat(logs.messages()).containsExactly(
                    "41 more \"invalid-line\" problem(s) from UDP senders were not logged in the last PT1M");
        }
    }
}
