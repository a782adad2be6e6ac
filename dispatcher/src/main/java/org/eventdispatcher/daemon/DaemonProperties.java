package org.eventdispatcher.daemon;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The daemon's process ({@code eventdispatcher.daemon.*}).
 *
 * @param exitJvm      end the JVM once the context is closed on {@code QUIT}/{@code BYE}; tests that
 *                     run a daemon in their own JVM turn it off
 * @param exitDeadline the longest the orderly stop after {@code QUIT}/{@code BYE} may take (closing
 *                     every connection, then the JVM's shutdown hooks); past it the process is
 *                     halted with the requested status. Applies only with {@code exitJvm}. The
 *                     default keeps the exit within 2 s however many clients are connected
 */
@ConfigurationProperties("eventdispatcher.daemon")
public record DaemonProperties(
        @DefaultValue("true") boolean exitJvm,
        @DefaultValue("1500ms") Duration exitDeadline) {

    public DaemonProperties {
        if (exitDeadline.toMillis() <= 0) {
            throw new IllegalArgumentException("eventdispatcher.daemon.exit-deadline must be positive, not "
                    + exitDeadline);
        }
    }
}
