package org.eventdispatcher.logrotate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eventdispatcher.protocol.message.MessageNames;
import org.eventdispatcher.protocol.transport.DefaultAddresses;
import org.eventdispatcher.protocol.transport.HostPort;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Log rotation on request ({@code eventdispatcher.log-rotate.*}; PROTOCOL.md d).
 *
 * @param enabled            listen for {@code LOG_ROTATE} over UDP and handle it on every transport
 * @param listen             UDP {@code host:port} of the listener; the server uses 127.0.0.1:3002,
 *                           the client 127.0.0.1:3003 (its application.yml says so)
 * @param secret             the {@code secret_code} a {@code LOG_ROTATE} must carry, on every
 *                           transport, and every UDP datagram too, whatever its command; empty: none
 * @param fallbackToAnyPort  when the port is taken, listen on an ephemeral port of the same host
 *                           instead of failing to start (several clients on one host)
 * @param udpCommands        commands the UDP listener dispatches besides the built-in ones
 *                           ({@code LOG_ROTATE}, {@code HELP}, {@code ALIVE}, {@code STOP}...); empty
 *                           by default: a datagram's source address is anyone's to forge, so an
 *                           application command ({@code QUIT}, {@code BYE}...) sent over UDP is
 *                           dropped. A command that stops the daemon is obeyed over UDP only with
 *                           {@code secret} set (and as {@code eventdispatcher.daemon.stop.*} allows)
 */
@ConfigurationProperties("eventdispatcher.log-rotate")
public record LogRotateProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue(DefaultAddresses.SERVER_LOG_ROTATE) String listen,
        @DefaultValue("") String secret,
        @DefaultValue("false") boolean fallbackToAnyPort,
        @DefaultValue List<String> udpCommands) {

    public LogRotateProperties {
        secret = secret == null ? "" : secret;
        udpCommands = udpCommands == null ? List.of() : List.copyOf(udpCommands);
        for (String command : udpCommands) {
            if (!MessageNames.isValidCommand(command)) {
                throw new IllegalArgumentException("eventdispatcher.log-rotate.udp-commands: \"" + command
                        + "\" is not a command (A-Z, 0-9 and _, not starting with a digit)");
            }
        }
        try {
            HostPort.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("eventdispatcher.log-rotate.listen: " + e.getMessage());
        }
    }

    public HostPort listenAddress() {
        return HostPort.parse(listen);
    }

    /** {@link #udpCommands} as a set. */
    public Set<String> udpCommandSet() {
        return new LinkedHashSet<>(udpCommands);
    }

    public boolean hasSecret() {
        return !secret.isEmpty();
    }

    /** Without the secret's value: this record may end up in a log line. */
    @Override
    public String toString() {
        return "LogRotateProperties[enabled=" + enabled + ", listen=" + listen + ", secret="
                + (hasSecret() ? "(set)" : "(none)") + ", fallbackToAnyPort=" + fallbackToAnyPort + ", udpCommands="
                + udpCommands + "]";
    }
}
