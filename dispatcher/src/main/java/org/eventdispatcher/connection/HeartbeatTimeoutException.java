package org.eventdispatcher.connection;

import java.io.IOException;
import java.time.Duration;
import org.eventdispatcher.link.Durations;

/**
 * A peer stayed silent for the heartbeat's idle time, was sent {@code ALIVE}, and said nothing
 * within its timeout either: it is gone (a crashed host, a NAT that dropped the link) or stuck, and
 * its connection is closed.
 */
public class HeartbeatTimeoutException extends IOException {

    public HeartbeatTimeoutException(Duration idle, Duration timeout) {
        super("silent for " + Durations.seconds(idle) + ", and did not answer ALIVE within "
                + Durations.seconds(timeout));
    }
}
