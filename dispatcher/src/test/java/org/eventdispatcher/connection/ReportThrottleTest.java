package org.eventdispatcher.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eventdispatcher.dispatch.LogCapture;
import org.junit.jupiter.api.Test;

class ReportThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final ReportThrottle throttle = new ReportThrottle(Duration.ofMinutes(1), 1, "from UDP senders", now::get);

    @Test
    void eachProblemIsReportedOncePerInterval() {
        assertThat(throttle.firstReport("invalid-line")).isTrue();
        assertThat(throttle.firstReport("invalid-line")).isFalse();
        assertThat(throttle.firstReport("unknown"))
                .as("another problem has its own interval")
                .isTrue();

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

            assertThat(logs.messages())
                    .containsExactly(
                            "41 more \"invalid-line\" problem(s) from UDP senders were not logged in the last PT1M");
        }
    }

    @Test
    void aFewReportsPerIntervalAreLoggedBeforeTheRestIsCounted() {
        ReportThrottle few = new ReportThrottle(Duration.ofSeconds(10), 3, "on TCP connections", now::get);
        try (LogCapture logs = new LogCapture()) {
            int logged = 0;
            for (int i = 0; i < 100; i++) {
                logged += few.firstReport("connection-lost") ? 1 : 0;
            }
            assertThat(logged).isEqualTo(3);
            now.addAndGet(Duration.ofSeconds(10).toNanos());
            assertThat(few.firstReport("connection-lost")).isTrue();
            assertThat(logs.messages())
                    .containsExactly(
                            "97 more \"connection-lost\" problem(s) on TCP connections were not logged in the last PT10S");
        }
    }
}
