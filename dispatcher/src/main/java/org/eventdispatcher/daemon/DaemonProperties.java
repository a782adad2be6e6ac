package org.eventdispatcher.daemon;

import java.time.Duration;
import java.util.List;
import org.eventdispatcher.dispatch.builtin.AllowedSenders;
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
 * @param stop         who may stop the daemon
 */
@ConfigurationProperties("eventdispatcher.daemon")
public record DaemonProperties(
        @DefaultValue("true") boolean exitJvm,
        @DefaultValue("1500ms") Duration exitDeadline,
        @DefaultValue Stop stop) {

    public DaemonProperties {
        if (exitDeadline.toMillis() <= 0) {
            throw new IllegalArgumentException(
                    "eventdispatcher.daemon.exit-deadline must be positive, not " + exitDeadline);
        }
    }

    /**
     * Who may stop the daemon ({@code eventdispatcher.daemon.stop.*}): {@code QUIT}, and the built-in
     * {@code STOP}, {@code QUITTING} and {@code RESTART}.
     *
     * @param allowedFrom the senders obeyed: CIDR blocks or single IP addresses,
     *                    {@code server:service} addresses on the message broker, and for peers on a
     *                    Unix socket {@code uid:N}, {@code user:NAME}, {@code gid:N},
     *                    {@code group:NAME} (names read at start); loopback by default
     *                    (IPv4-mapped loopback included), so nobody on the broker, and on a Unix
     *                    socket root and the daemon's own user
     * @param secret      when set, the {@code secret_code} the message must carry too; empty: none
     */
    public record Stop(
            @DefaultValue({"127.0.0.0/8", "::1"}) List<String> allowedFrom,
            @DefaultValue("") String secret) {

        public Stop {
            allowedFrom = List.copyOf(allowedFrom);
            try {
                AllowedSenders.parse(allowedFrom);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("eventdispatcher.daemon.stop.allowed-from: " + e.getMessage());
            }
        }

        /** The secret never shows, wherever the settings are printed. */
        @Override
        public String toString() {
            return "Stop[allowedFrom=" + allowedFrom + ", secret=" + (secret.isEmpty() ? "(none)" : "******") + "]";
        }
    }
}
