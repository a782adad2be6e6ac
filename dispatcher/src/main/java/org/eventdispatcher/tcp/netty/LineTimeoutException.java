package org.eventdispatcher.tcp.netty;

import java.io.IOException;
import java.time.Duration;
import org.eventdispatcher.link.Durations;

/**
 * A peer began a line and did not end it within the line timeout (a slowloris, or a peer stuck in
 * the middle of a line): it is answered {@code INVALID message=LINE_TIMEOUT…} and closed.
 */
public class LineTimeoutException extends IOException {

    private final Duration timeout;

    public LineTimeoutException(Duration timeout) {
        super("a line not complete within " + Durations.seconds(timeout) + " of its first byte");
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
