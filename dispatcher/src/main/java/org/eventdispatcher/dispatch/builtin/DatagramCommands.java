package org.eventdispatcher.dispatch.builtin;

import java.util.Set;
import org.eventdispatcher.dispatch.CommandGate;
import org.eventdispatcher.dispatch.HandlerTraits;
import org.eventdispatcher.protocol.message.Message;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * What a UDP datagram may ask of a daemon. Anyone who reaches the port can forge a datagram's
 * source address, so the listener carries what upstream's {@code logrotate_udp_messenger} carries
 * (PROTOCOL.md b.3, d): the built-in commands, {@code LOG_ROTATE} among them, and the commands a
 * daemon lets through by name ({@code eventdispatcher.log-rotate.udp-commands}); anything else is
 * dropped. A command that stops the daemon is obeyed over UDP only with the listener's secret set,
 * and then only as the stop rule also allows.
 *
 * <p>The secret, when set, guards every datagram, as upstream's
 * {@code udp_server_message_connection::process_read()} does, and not only {@code LOG_ROTATE}:
 * without it nothing a datagram says is read further.
 */
public final class DatagramCommands implements CommandGate {

    private static final String WIDEN = "eventdispatcher.log-rotate.udp-commands";

    private final SecretCode secret;
    private final Set<String> letThrough;

    /**
     * @param secret     the {@code secret_code} every datagram must carry; empty: none
     * @param letThrough commands besides the built-in ones
     */
    public DatagramCommands(String secret, Set<String> letThrough) {
        this.secret = new SecretCode(secret);
        this.letThrough = Set.copyOf(letThrough);
    }

    @Override
    public @Nullable Refusal refusal(Message message, @Nullable HandlerTraits handler) {
        String problem = secret.problem(message);
        if (problem != null) {
            return new Refusal("secret", problem, Level.ERROR);
        }
        if (handler == null) {
            return null; // nobody handles it: UNKNOWN, logged once, and nothing goes back over UDP
        }
        if (!handler.builtIn() && !letThrough.contains(message.command())) {
            return new Refusal(
                    "command",
                    "not a command the UDP listener carries (the built-in ones and " + WIDEN + ")",
                    Level.WARN);
        }
        if (handler.stopsDaemon() && !secret.isSet()) {
            return new Refusal(
                    "stop",
                    "a command that stops the daemon is obeyed over UDP only with"
                            + " eventdispatcher.log-rotate.secret set",
                    Level.WARN);
        }
        return null;
    }
}
